package io.mosaic.runtime.cli;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.mmsa.FeatureFile;
import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.PythonTypes;
import io.mosaic.runtime.text.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reads a feature file (MMSA pickle or npz export) the way {@code source: mmsa} and {@code source: npz} do, and
 * prints its splits, each key's type and shape, the true lengths per modality and the label distribution. A file
 * that is unsafe (a pickle naming a global other than NumPy's) or breaks the layout is refused.
 */
@Command(name = "inspect", description = "Show a feature file's splits, arrays, true lengths and labels; .pkl "
        + "(MMSA pickle, read without running code) or .npz.")
public final class DataInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "An MMSA pickle (.pkl) or an npz export (.npz).")
    Path file;

    @Option(names = "--scale", paramLabel = "SCALE", defaultValue = "auto", description = "The labels' range, as "
            + "data.scale: mosi [-3, 3], sims [-1, 1], or auto (sims when the file has regression_labels_T/A/V and "
            + "every label lies in [-1, 1]); default: ${DEFAULT-VALUE}.")
    String scale;

    @Override
    public Integer call() throws IOException {
        if (!FeatureFile.SCALES.contains(scale)) {
            throw new ParameterException(spec.commandLine(), "--scale must be one of " + FeatureFile.SCALES + ", got "
                    + Fragment.quote(scale));
        }
        FeatureFile features = FeatureFile.read(file, scale);
        Dataset dataset = features.dataset();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "File    %s: %s, %.1f MB%n", file, features.format(), Files.size(file) / 1e6);
        List<String> counts = new ArrayList<>();
        dataset.splitNames().forEach(name -> counts.add(name + " " + dataset.split(name).size()));
        out.printf("Splits  %s%n", String.join(", ", counts));
        out.printf("Labels  %s%s%n", dataset.simsScale() ? "SIMS' scale [-1, 1]" : "MOSI's scale [-3, 3]",
                dataset.unimodalLabels().isEmpty() ? "" : "; unimodal labels of " + String.join(", ",
                        dataset.unimodalLabels().stream().map(Modality::id).toList()));
        for (String name : dataset.splitNames()) {
            out.printf("%n%s: %d samples%n", name, dataset.split(name).size());
            printKeys(out, features.values().get(name));
            SplitStatistics statistics = SplitStatistics.of(dataset.split(name));
            printLengths(out, statistics);
            printLabels(out, statistics);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void printKeys(PrintWriter out, Map<String, Object> values) {
        Table table = new Table("  KEY", "DTYPE", "SHAPE");
        values.forEach((key, value) -> {
            if (value instanceof NdArray array) {
                table.row("  " + key, array.dtype(), Arrays.toString(array.shape()));
            } else if (value instanceof List<?> list) {
                table.row("  " + key, "list", "[" + list.size() + "]");
            } else {
                table.row("  " + key, PythonTypes.of(value), "-");
            }
        });
        table.print(out);
    }

    private static void printLengths(PrintWriter out, SplitStatistics statistics) {
        Table table = new Table("  LENGTH", "MIN", "MEAN", "MAX");
        for (Modality modality : Modality.values()) {
            SplitStatistics.Summary lengths = statistics.lengths(modality);
            table.row("  " + modality.id(), number("%.0f", lengths.min()), number("%.1f", lengths.mean()),
                    number("%.0f", lengths.max()));
        }
        table.print(out);
    }

    private static void printLabels(PrintWriter out, SplitStatistics statistics) {
        SplitStatistics.Summary scores = statistics.scores();
        out.printf("  score    min %s  mean %s  max %s%n", number("%.3f", scores.min()),
                number("%.3f", scores.mean()), number("%.3f", scores.max()));
        statistics.unimodalScores().forEach((modality, unimodal) -> out.printf("  %-8s min %s  mean %s  max %s%n",
                modality.id(), number("%.3f", unimodal.min()), number("%.3f", unimodal.mean()),
                number("%.3f", unimodal.max())));
        int[] counts = statistics.classCounts();
        StringBuilder histogram = new StringBuilder("  7-class");
        for (int c = 0; c < counts.length; c++) {
            histogram.append(String.format(Locale.ROOT, "  %d: %d", c - counts.length / 2, counts[c]));
        }
        out.println(histogram);
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
