package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final String TINY = TinyBaseline.YAML;

    @TempDir
    Path runs;

    @Test
    void liveArraysDoNotGrowFromEpochToEpoch() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY,
                "train.epochs=5", "train.patience=0");
        List<Integer> live = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingListener counter = new TrainingListener() {
                @Override
                public void epochFinished(EpochRecord record, String selectionMetric) {
                    live.add(((BaseNDManager) root).getManagedArrays().size());
                }
            };
            new Trainer(counter).train(assembly, RunFolder.create(runs, "tiny", LocalDateTime.now()), root, false);
        }

        assertThat(live).hasSize(5);
        assertThat(live.get(0)).isPositive();
        assertThat(live).as("arrays alive after each epoch (parameters, optimizer moments)")
                .containsOnly(live.get(0));
    }

    @Test
    void aMissingViewTrainsAlongAndASweepStartsAtTheCleanResult() {
        String yaml = TINY + """
                  views:
                    missing: { use: rmfm }
                evaluate:
                  sweeps:
                    - { use: rmfm, rates: [0.0, 0.5, 1.0] }
                  metrics: [mae, acc2_has0]
                """;
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml",
                yaml.replace("  - l1\n", "  - l1\n  - { use: l1, view: missing, weight: 0.5 }\n"),
                "train.epochs=2", "train.patience=0");
        TrainingResult result;
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }

        assertThat(assembly.objectives()).extracting(o -> o.view()).containsExactly("clean", "missing");
        // Each objective's own value is logged per epoch; the training loss is their weighted sum.
        for (EpochRecord record : result.state().history()) {
            assertThat(record.objectives()).containsOnlyKeys("l1", "l1#2");
            assertThat(record.trainLoss()).isCloseTo(record.objectives().get("l1")
                    + 0.5 * record.objectives().get("l1#2"), within(1e-5));
            assertThat(record.objectives().get("l1#2")).as("the missing view's L1 differs from the clean one's")
                    .isNotEqualTo(record.objectives().get("l1"));
        }
        assertThat(folder.readText(RunFolder.EPOCHS).lines().findFirst().orElseThrow())
                .contains(",objective_l1,objective_l1#2,");
        SweepResult sweep = result.sweeps().get(0);
        Map<String, List<Double>> curves = sweep.curves(assembly.sweepMetrics());
        // Rate 0 removes nothing: the first point is the clean test evaluation itself.
        assertThat(curves.get("mae").get(0)).isEqualTo(result.test().orElseThrow().metrics().get("mae"));
        assertThat(curves.get("acc2_has0").get(0)).isEqualTo(result.test().orElseThrow().metrics().get("acc2_has0"));
        // Rate 1 removes every real frame and token but [CLS]/[SEP]: the prediction changes.
        assertThat(curves.get("mae").get(2)).isNotEqualTo(curves.get("mae").get(0));
        double[] mae = curves.get("mae").stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(sweep.auilc(assembly.sweepMetrics()).get("mae"))
                .isCloseTo(0.5 * (mae[0] + mae[1]) / 2 + 0.5 * (mae[1] + mae[2]) / 2, within(1e-12));
    }

    @Test
    void aStageStopsWhenTheSelectionMetricHasNotImprovedForPatienceEpochs() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY,
                "train.epochs=6", "train.patience=2", "train.optimizer.lr=0.0");
        TrainingResult result;
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT)
                    .train(assembly, RunFolder.create(runs, "tiny", LocalDateTime.now()), root, false);
        }

        // With a learning rate of 0 the weights never move, so epoch 1 stays best and epochs 2 and 3 exhaust the
        // patience of 2.
        assertThat(result.state().history()).extracting(EpochRecord::improved).containsExactly(true, false, false);
        assertThat(result.state().bestEpoch()).isEqualTo(1);
        assertThat(result.test().orElseThrow().metrics().get("mae")).isFinite();
    }

    @Test
    void gradientClippingAppliesBeforeEveryStepAndChangesNothingBelowItsThresholds() {
        Map<String, Double> plain = validAfterOneEpoch("train.optimizer.weight-decay=0.5");
        Map<String, Double> loose = validAfterOneEpoch("train.optimizer.weight-decay=0.5",
                "train.optimizer.clip-value=1000000", "train.optimizer.clip-norm=1000000");
        Map<String, Double> tight = validAfterOneEpoch("train.optimizer.weight-decay=0.5",
                "train.optimizer.clip-norm=0.000001");

        assertThat(loose).isEqualTo(plain);
        // Adam is blind to a gradient's scale, but not to how it compares with the weight decay added to it.
        assertThat(tight.get("loss")).isNotEqualTo(plain.get("loss"));
    }

    private Map<String, Double> validAfterOneEpoch(String... overrides) {
        List<String> all = new ArrayList<>(List.of("train.epochs=1", "train.update=per-view"));
        all.addAll(List.of(overrides));
        String yaml = TINY + """
                  views:
                    missing: { use: rmfm }
                """;
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml",
                yaml.replace("  - l1\n", "  - l1\n  - { use: l1, view: missing, weight: 0.5 }\n"),
                all.toArray(String[]::new));
        try (NDManager root = NDManager.newBaseManager()) {
            return new Trainer(TrainingListener.SILENT).train(assembly, RunFolder.create(runs, "tiny",
                    LocalDateTime.now()), root, false).valid().metrics().asMap();
        }
    }

    @Test
    void freezingASlotStopsExactlyItsParametersFromTraining() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY);
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            model.freezeOnly(List.of("text", "head"), List.of());
            Map<String, Parameter> parameters = model.parameters();

            assertThat(parameters).isNotEmpty();
            parameters.forEach((name, parameter) -> {
                boolean frozen = name.startsWith("text/") || name.startsWith("head/");
                assertThat(parameter.requiresGradient()).as(name).isEqualTo(!frozen);
            });

            model.freezeOnly(List.of(), List.of());
            assertThat(parameters.values()).allMatch(Parameter::requiresGradient);
        }
    }

    @Test
    void aBenchmarkTimesEachEvaluationInsideTheEvaluatePhase() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY);
        List<String> phases = new ArrayList<>();
        Map<String, Double> phaseSeconds = new HashMap<>();
        BenchPhases recorded = (phase, work) -> {
            phases.add(phase);
            long start = System.nanoTime();
            work.run();
            phaseSeconds.put(phase, (System.nanoTime() - start) / 1e9);
        };
        BenchResult result;
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT).benchmark(assembly, root, 1, 2, 3, recorded);
        }

        assertThat(phases).containsExactly(BenchPhases.TRAIN, BenchPhases.EVALUATE);
        assertThat(result.stepSeconds()).hasSize(2);
        assertThat(Arrays.stream(result.stepSeconds()).min().orElseThrow()).isPositive();
        assertThat(result.evaluationSeconds()).hasSize(3);
        assertThat(Arrays.stream(result.evaluationSeconds()).min().orElseThrow()).isPositive();
        assertThat(result.evaluationSamples()).isEqualTo(assembly.dataset().split(Dataset.VALID).size());
        assertThat(Arrays.stream(result.evaluationSeconds()).sum()).as("all three inside the evaluate phase")
                .isLessThanOrEqualTo(phaseSeconds.get(BenchPhases.EVALUATE));
    }

    @Test
    void aBenchmarkWithoutAnEvaluationIsRefused() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY);
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(TrainingListener.SILENT).benchmark(assembly, root, 1, 2, 0,
                    BenchPhases.NONE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a benchmark needs warmup >= 0, steps >= 1 and evaluations >= 1, got 1, 2 and 0");
        }
    }

    @Test
    void shufflingIsAPermutationFixedBySeedAndEpoch() {
        int[] first = Trainer.shuffled(100, 7, 1);

        assertThat(Arrays.stream(first).sorted().toArray()).isEqualTo(IntStream.range(0, 100).toArray());
        assertThat(Trainer.shuffled(100, 7, 1)).isEqualTo(first);
        assertThat(Trainer.shuffled(100, 7, 2)).isNotEqualTo(first);
        assertThat(Trainer.shuffled(100, 8, 1)).isNotEqualTo(first);
    }

    @Test
    void engineSeedsAreNonNegativeAndDifferByEpoch() {
        assertThat(Trainer.seedOf(1111, 0)).isNotNegative().isNotEqualTo(Trainer.seedOf(1111, 1));
        assertThat(Trainer.seedOf(Long.MIN_VALUE, 3)).isNotNegative();
    }
}
