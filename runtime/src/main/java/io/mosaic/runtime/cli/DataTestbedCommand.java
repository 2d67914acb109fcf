package io.mosaic.runtime.cli;

import io.mosaic.runtime.data.export.ExportFormat;
import io.mosaic.runtime.data.export.MmsaExport;
import io.mosaic.runtime.data.testbed.DomainSplit;
import io.mosaic.runtime.data.testbed.Planting;
import io.mosaic.runtime.data.testbed.SplitSizes;
import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import io.mosaic.runtime.data.testbed.TestbedSplit;
import io.mosaic.runtime.text.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes the testbed's splits as a feature file in MMSA's layout, and how fast that went. */
@Command(name = "testbed", description = "Write a testbed's splits as an MMSA pickle (.pkl) or npz export (.npz) "
        + "that source: mmsa / source: npz read.")
public final class DataTestbedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", required = true, paramLabel = "PRESET",
            description = "tiny, tiny-aligned, mosi-like, mosi-aligned, mosei-like or meld-like (-aligned: "
                    + "word-aligned audio and vision, MMSA's aligned_50 shapes).")
    String preset;

    @Option(names = "--seed", required = true, paramLabel = "SEED", description = "The testbed's seed.")
    long seed;

    @Option(names = "--train-domains", split = ",", paramLabel = "ID",
            description = "The source domains train and valid draw from, e.g. 0,1,2 (default: every domain).")
    List<Integer> trainDomains;

    @Option(names = "--test-domains", split = ",", paramLabel = "ID",
            description = "The target domains test draws from, e.g. 3,4 (default: every domain).")
    List<Integer> testDomains;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Samples in train, valid and test, replacing the preset's, e.g. 3000,400,800.")
    List<Integer> sizes;

    @Option(names = "--unimodal-shift", paramLabel = "SIGMA", description = "σ of the modality-specific scores y_s "
            + "= y + δ_s, δ_s ~ N(0, σ²), that each modality's cues carry and regression_labels_T/A/V hold; 0 (the "
            + "default): every modality carries y.")
    double unimodalShift;

    @Option(names = "--threads", paramLabel = "N", description = "Threads computing samples (default: one per "
            + "processor).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The file to write; its extension picks the format: .pkl or .npz.")
    Path out;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
        }
        ExportFormat format = ExportFormat.of(out);
        Testbed testbed = new Testbed(config(), seed);
        long start = System.nanoTime();
        long bytes = MmsaExport.write(testbed, out, threads);
        double seconds = (System.nanoTime() - start) / 1e9;

        PrintWriter print = spec.commandLine().getOut();
        print.printf("Wrote %s: %s, %s%n", out, format.description(), testbed.description());
        Table table = new Table("  SPLIT", "SAMPLES", "DOMAINS");
        int samples = 0;
        for (String name : testbed.splitNames()) {
            TestbedSplit split = testbed.split(name);
            table.row("  " + name, split.size(), split.domains());
            samples += split.size();
        }
        table.print(print);
        print.printf(Locale.ROOT, "%d samples, %.1f MB in %.2f s: %.0f samples/s, %.1f MB/s (%d thread%s)%n",
                samples, bytes / 1e6, seconds, samples / seconds, bytes / 1e6 / seconds, threads,
                threads == 1 ? "" : "s");
        print.flush();
        return ExitCodes.OK;
    }

    private TestbedConfig config() {
        TestbedConfig config = TestbedConfig.preset(preset);
        if (sizes != null) {
            if (sizes.size() != 3) {
                throw new ParameterException(spec.commandLine(), "--sizes needs 3 numbers (train, valid, test), "
                        + "got " + sizes.size());
            }
            config = config.withSplits(new SplitSizes(sizes.get(0), sizes.get(1), sizes.get(2)));
        }
        if (!(unimodalShift >= 0 && unimodalShift <= Planting.MAX_UNIMODAL_SHIFT)) {
            throw new ParameterException(spec.commandLine(), "--unimodal-shift must be in [0, "
                    + Planting.MAX_UNIMODAL_SHIFT + "], got " + unimodalShift);
        }
        config = config.withPlanting(config.planting().withUnimodalShift(unimodalShift));
        DomainSplit every = DomainSplit.all(config.domains());
        return config.withDomainSplit(new DomainSplit(trainDomains == null ? every.train() : trainDomains,
                testDomains == null ? every.test() : testDomains));
    }
}
