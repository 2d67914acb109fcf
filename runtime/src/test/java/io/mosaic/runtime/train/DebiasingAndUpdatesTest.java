package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mosaic.api.model.Module;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.train.optim.AdamConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debiasers tuned on the validation split, state fitted from the training split, and per-view updates. */
class DebiasingAndUpdatesTest {
    /** The baseline with MACI: the MCM head and counterfactual text, three classes on tiny. */
    private static final String MACI = """
            name: tiny-maci
            seed: 7
            pipeline: baseline
            data: { source: testbed, preset: tiny, task: classes-3 }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mcm, hidden: 8 }
            objectives:
              - cross-entropy
            debiasers:
              - { use: counterfactual-text, words: 20 }
            train:
              batch: 32
              select: { metric: acc2_non0 }
            """;

    @TempDir
    Path runs;

    private TrainingResult train(ResolvedAssembly assembly) {
        try (NDManager root = NDManager.newBaseManager()) {
            return new Trainer(TrainingListener.SILENT)
                    .train(assembly, RunFolder.create(runs, assembly.name(), LocalDateTime.now()), root, false);
        }
    }

    @Test
    void theStrengthIsTunedOnValidationAndReusedForTest() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny-maci.yaml", MACI,
                "train.epochs=2", "train.patience=0");

        TrainingResult result = train(assembly);

        assertThat(result.valid().strength()).isPresent();
        assertThat(result.valid().strength().getAsDouble()).isBetween(0.0, 3.0);
        assertThat(result.test().orElseThrow().strength()).isEqualTo(result.valid().strength());
    }

    @Test
    void theTunedStrengthScoresAtLeastAsWellOnValidationAsNoDebiasing() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny-maci.yaml", MACI,
                "train.epochs=1");
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(assembly, root)) {
            Evaluator evaluator = evaluator(assembly);
            fit(assembly, model, root);
            var valid = assembly.dataset().split(Dataset.VALID);

            Evaluation tuned = evaluator.evaluate(model, valid, root);
            Evaluation plain = evaluator.evaluate(model, valid, root, Optional.empty(), OptionalDouble.of(0.0));

            assertThat(tuned.metrics().get("acc2_non0")).isGreaterThanOrEqualTo(plain.metrics().get("acc2_non0"));
            assertThatThrownBy(() -> evaluator.evaluate(model, assembly.dataset().split(Dataset.TEST), root))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a debiaser's strength is tuned on the validation split only, not on test");
        }
    }

    @Test
    void buffersAreFittedNeverTrainedAndNotCounted() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny-maci.yaml", MACI,
                "train.epochs=1");
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(assembly, root)) {
            Map<String, Parameter> buffers = new LinkedHashMap<>(model.parameters());
            buffers.values().removeIf(p -> !Module.isBuffer(p));
            assertThat(buffers.keySet()).anyMatch(name -> name.startsWith("head/") && name.endsWith("confounders"))
                    .anyMatch(name -> name.startsWith("debiaser/") && name.endsWith("dictionary"));
            assertThat(buffers.values()).allMatch(p -> p.getArray().sum().getFloat() == 0f);

            fit(assembly, model, root);
            model.freezeOnly(List.of(), List.of());

            assertThat(buffers.values()).allMatch(p -> !p.requiresGradient());
            assertThat(buffers.values()).allMatch(p -> p.getArray().abs().sum().getFloat() > 0f);
            long trained = model.trainable().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(model.totalParameters()).isEqualTo(trained);
        }
    }

    @Test
    void perViewUpdatesTakeTwoOptimizerStepsPerBatch() {
        String views = MACI.replace("  - cross-entropy\n", "  - cross-entropy\n  - { use: cross-entropy, view: missing }\n")
                + "  views:\n    missing: { use: rmfm }\n";
        // tiny has 160 training samples: 5 batches of 32.
        assertThat(adamSteps(Assemblies.resolve(InstalledComponents.builtIn(), "tiny-maci.yaml", views,
                "train.epochs=1", "train.update=combined"))).isEqualTo(5);
        assertThat(adamSteps(Assemblies.resolve(InstalledComponents.builtIn(), "tiny-maci.yaml", views,
                "train.epochs=1", "train.update=per-view"))).isEqualTo(10);
    }

    private long adamSteps(ResolvedAssembly assembly) {
        RunFolder folder = RunFolder.create(runs, assembly.name() + assembly.train().update().id(),
                LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
            try (BuiltModel model = ModelBuilder.build(assembly, root);
                 Adam adam = new Adam(AdamConfig.defaults(), root)) {
                Checkpoint.restore(folder.checkpoint("last"), model, adam, root);
                return adam.steps();
            }
        }
    }

    private static Evaluator evaluator(ResolvedAssembly assembly) {
        return new Evaluator(new Batcher(assembly.dataSpec().inputs(),
                assembly.dataSpec().task()), assembly.dataSpec().task(), assembly.metrics(), assembly.objectives(),
                64, 0, 1, "acc2_non0", new StopRequest(), text -> { });
    }

    private static void fit(ResolvedAssembly assembly, BuiltModel model, NDManager root) {
        Trainer.fitOnTrainingSplit(assembly, model, root, new StopRequest());
    }
}
