package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.encoders.mask.FeatureMaskFactory;
import io.mosaic.losses.sparsity.MaskSparsityFactory;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * Every 0-dim tap of the clean view's training passes is logged per epoch in {@code epochs.csv} as
 * {@code tap_<name>}: its mean over the epoch's training batches that recorded it, empty in epochs that did not.
 */
class ScalarTapsTest {
    /** Batches of 24 do not divide the tiny training split, so a mean over batches differs from one over samples. */
    private static final int BATCH = 24;
    /** A value evaluation passes record, which must never reach the log. */
    private static final float EVALUATION = -1000f;

    @TempDir
    Path runs;

    /**
     * {@code scalar-taps}, the identity, recording {@code size} (the batch's number of samples in a training pass,
     * {@value #EVALUATION} in an evaluation pass) and, in the first {@code earlyPasses} training passes only,
     * {@code early} (the pass's index from 0).
     */
    private static EncoderFactory scalarTaps(int earlyPasses) {
        AtomicInteger trainingPasses = new AtomicInteger();
        return ShapeKeepingEncoders.factory("Records scalar taps.", (features, taps, training) -> {
            NDManager manager = features.values().getManager();
            long samples = features.values().getShape().get(0);
            taps.put("size", manager.create(training ? (float) samples : EVALUATION));
            if (training) {
                int pass = trainingPasses.getAndIncrement();
                if (pass < earlyPasses) {
                    taps.put("early", manager.create((float) pass));
                }
            }
            return features;
        });
    }

    private static InstalledComponents installed(int earlyPasses) {
        Version version = new Version(1, 0, 0);
        return InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "scalar-taps", "io.mosaic.test.taps", version, scalarTaps(earlyPasses))
                .add(ComponentKind.ENCODER, "feature-mask", "io.mosaic.encoders", version, new FeatureMaskFactory())
                .add(ComponentKind.OBJECTIVE, "mask-sparsity", "io.mosaic.losses", version,
                        new MaskSparsityFactory());
    }

    private static Map<String, List<String>> columns(RunFolder folder) {
        List<String[]> rows = folder.readText(RunFolder.EPOCHS).lines().map(line -> line.split(",", -1)).toList();
        String[] header = rows.get(0);
        return Arrays.stream(header).collect(Collectors.toMap(name -> name, name -> {
            int column = Arrays.asList(header).indexOf(name);
            return rows.subList(1, rows.size()).stream().map(row -> row[column]).toList();
        }));
    }

    @Test
    void eachScalarTapIsLoggedAsItsMeanOverTheEpochsTrainingBatches() {
        String yaml = TinyBaseline.YAML.replace("text: [ {", "text: [ scalar-taps, {");
        ResolvedAssembly probe = Assemblies.resolve(installed(0), "tiny.yaml", yaml);
        int samples = probe.dataset().split(Dataset.TRAIN).size();
        int batches = (samples + BATCH - 1) / BATCH;
        ResolvedAssembly assembly = Assemblies.resolve(installed(batches), "tiny.yaml", yaml, "train.epochs=2",
                "train.patience=0", "train.batch=" + BATCH);
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        TrainingResult result;
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }

        assertThat(samples % BATCH).as("a last batch smaller than the others").isPositive();
        // size: the mean of the batch sizes, N / batches (a mean over samples would be Σ B² / N); evaluation passes'
        // −1000 never counts. early: the passes 0 .. batches − 1 of epoch 1, then never again.
        double sizes = (double) samples / batches;
        double early = (batches - 1) / 2.0;
        List<EpochRecord> history = result.state().history();
        assertThat(history.get(0).taps()).containsOnlyKeys("text.size", "text.early");
        assertThat(history.get(0).taps().get("text.size")).isCloseTo(sizes, within(1e-9));
        assertThat(history.get(0).taps().get("text.early")).isCloseTo(early, within(1e-9));
        assertThat(history.get(1).taps()).containsOnlyKeys("text.size");
        Map<String, List<String>> columns = columns(folder);
        assertThat(folder.readText(RunFolder.EPOCHS).lines().findFirst().orElseThrow())
                .contains(",objective_l1,tap_text.size,tap_text.early,");
        assertThat(columns.get("tap_text.size")).extracting(Double::parseDouble)
                .allSatisfy(value -> assertThat(value).isCloseTo(sizes, within(1e-6)));
        assertThat(Double.parseDouble(columns.get("tap_text.early").get(0))).isCloseTo(early, within(1e-6));
        assertThat(columns.get("tap_text.early").get(1)).as("epoch 2 did not record it").isEmpty();
    }

    @Test
    void theLoggedMeansSurviveAResume() {
        String yaml = TinyBaseline.YAML.replace("text: [ {", "text: [ scalar-taps, {");
        ResolvedAssembly assembly = Assemblies.resolve(installed(0), "tiny.yaml", yaml, "train.epochs=2",
                "train.patience=0", "train.batch=" + BATCH);
        int samples = assembly.dataset().split(Dataset.TRAIN).size();
        double sizes = (double) samples / ((samples + BATCH - 1) / BATCH);
        StopRequest stop = new StopRequest();
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(new StopAfterBatch(stop, 2, 1), stop)
                    .train(assembly, folder, root, false)).isInstanceOf(RunStoppedException.class);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(assembly, folder, root, true);
        }

        // Epoch 1's row is rewritten from the checkpoint's history after epoch 2.
        assertThat(columns(folder).get("tap_text.size")).hasSize(2).extracting(Double::parseDouble)
                .allSatisfy(value -> assertThat(value).isCloseTo(sizes, within(1e-6)));
    }

    @Test
    void aFeatureMasksKeepRatioIsLoggedAndFallsUnderItsSparsityTerm() {
        String yaml = TinyBaseline.YAML
                .replace("text: [ {", "text: [ feature-mask, {")
                .replace("  - l1\n", "  - l1\n  - { use: mask-sparsity, on: text.mask.threshold, weight: 1.0 }\n");
        ResolvedAssembly assembly = Assemblies.resolve(installed(0), "tiny.yaml", yaml, "train.epochs=3",
                "train.patience=0", "train.optimizer.lr=0.1");
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        TrainingResult result;
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }

        List<Double> keep = result.state().history().stream().map(r -> r.taps().get("text.mask.keep")).toList();
        assertThat(keep).hasSize(3).allSatisfy(k -> assertThat(k).isBetween(0.0, 1.0));
        // exp(−s) pushes every threshold up by about lr per Adam step: features drop out epoch after epoch.
        assertThat(keep.get(2)).isLessThan(keep.get(0));
        assertThat(columns(folder).get("tap_text.mask.keep")).hasSize(3).noneMatch(String::isEmpty);
        assertThat(columns(folder)).doesNotContainKeys("tap_text.mask", "tap_text.mask.threshold");
    }

    @Test
    void aTapNameThatWouldNeedQuotingGetsUnderscoresInItsColumn() {
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        EpochRecord record = new EpochRecord(1, "train", 1.0, 1.0, Map.of("mae", 0.5), 1.0, 10.0, true, 100.0,
                Map.of(), Map.of("text.a,b\"c", 0.25));

        EpochLog.write(folder, List.of(record));

        List<String> lines = folder.readText(RunFolder.EPOCHS).lines().toList();
        assertThat(lines.get(0)).contains(",tap_text.a_b_c,");
        assertThat(lines.get(1).split(",", -1)).hasSameSizeAs(lines.get(0).split(",", -1));
        assertThat(columns(folder).get("tap_text.a_b_c")).containsExactly("0.250000");
    }
}
