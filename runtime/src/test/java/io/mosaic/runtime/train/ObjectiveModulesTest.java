package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ScaledL1Factory;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.train.optim.AdamConfig;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An objective that owns trainable parameters ({@code ObjectiveModule}): built with the model, its parameters
 * named {@code objective/<name>/...}, trained by the model's optimizer, checkpointed and restored, and counted apart
 * from the model's.
 */
class ObjectiveModulesTest {
    private static final String SCALE = "objective/scaled-l1/scale";
    private static final String TINY = TinyBaseline.YAML.replace("  - l1\n",
            "  - l1\n  - { use: scaled-l1, start: 2 }\n");

    @TempDir
    Path runs;

    @Test
    void itsParametersAreTheModelsButCountedApart() {
        ResolvedAssembly assembly = assembly("train.epochs=1");
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            assertThat(model.objectives()).containsOnlyKeys("l1", "scaled-l1");
            assertThat(model.objective("scaled-l1")).isInstanceOf(ScaledL1Factory.ScaledL1.class);
            assertThat(model.parameters()).containsKey(SCALE);
            assertThat(model.trainable()).containsKey(SCALE);
            assertThat(model.parameters().get(SCALE).getArray().toFloatArray()).containsExactly(2f);
            assertThat(model.counts()).containsEntry("objective:scaled-l1", 1L);
            long all = model.counts().values().stream().mapToLong(Long::longValue).sum();
            assertThat(model.totalParameters()).isEqualTo(all - 1);
            assertThat(model.objectiveParameters()).isEqualTo(1);
            assertThat(BuiltModel.modelTotal(model.counts())).isEqualTo(model.totalParameters());
            // The resolver checked an instance of its own; the model's is another.
            assertThat(model.objective("scaled-l1")).isNotSameAs(assembly.objectives().get(1).objective());
        }
    }

    @Test
    void itsParameterReceivesTheGradientOfItsLossAndAnAdamStepMovesIt() {
        ResolvedAssembly assembly = assembly("train.epochs=1");
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root);
             Adam adam = new Adam(AdamConfig.defaults().withLearningRate(0.1), root);
             NDManager manager = root.newSubManager()) {
            Split train = assembly.dataset().split(Dataset.TRAIN);
            Batch batch = new Batcher(assembly.dataSpec().inputs(), assembly.dataSpec().task())
                    .batch(train, Evaluator.range(0, 8), manager);
            ParameterStore store = new ParameterStore(manager, false);
            double l1;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Taps taps = new Taps();
                model.network().forward(store, batch, taps, true);
                StepViews views = new StepViews(store);
                views.add(Views.CLEAN, batch, taps);
                NDArray predicted = taps.get(PipelineFactory.PREDICTION_TAP).reshape(-1);
                l1 = predicted.sub(batch.scores()).abs().mean().getFloat();
                NDArray loss = Trainer.weightedLoss(assembly.objectives(), model, views, manager);
                // l1 + 2 · l1: the scale starts at 2.
                assertThat(loss.getFloat()).isCloseTo((float) (3 * l1), within(1e-5f));
                collector.backward(loss);
            }
            Parameter scale = model.parameters().get(SCALE);
            // d(w · L1)/dw = L1.
            assertThat(scale.getArray().getGradient().getFloat())
                    .isCloseTo((float) l1, within(1e-6f));
            adam.step(new PairList<>(List.copyOf(model.trainable().keySet()),
                    List.copyOf(model.trainable().values())));
            // Adam's first step moves every parameter with a gradient by lr against its sign.
            assertThat(scale.getArray().getFloat()).isCloseTo(1.9f, within(1e-5f));
        }
    }

    @Test
    void aStageWhereTheObjectiveDoesNotApplyFreezesItsParameters() {
        ResolvedAssembly assembly = assembly("train.epochs=1");
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            model.freezeOnly(List.of("text"), List.of("l1"));
            assertThat(model.parameters().get(SCALE).requiresGradient()).isFalse();
            assertThat(model.parameters().get("head/" + model.slots().get("head").getParameters().keys().get(0))
                    .requiresGradient()).isTrue();

            model.freezeOnly(List.of("text"), List.of("l1", "scaled-l1"));
            assertThat(model.parameters().get(SCALE).requiresGradient()).isTrue();
        }
    }

    @Test
    void itIsCheckpointedAndARunStoppedMidwayResumesToTheSameNumbers() {
        ResolvedAssembly assembly = assembly("train.epochs=2");
        StopRequest stop = new StopRequest();
        TrainingListener stopInEpochTwo = new StopAfterBatch(stop, 2, 1);
        RunFolder stopped = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(stopInEpochTwo, stop).train(assembly, stopped, root, false))
                    .isInstanceOf(RunStoppedException.class);
        }
        float afterEpochOne = scaleIn(assembly, stopped.checkpoint("last"));
        assertThat(afterEpochOne).as("trained in epoch 1").isNotEqualTo(2f);

        TrainingResult resumed;
        TrainingResult straight;
        RunFolder straightFolder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            resumed = new Trainer(TrainingListener.SILENT).train(assembly, stopped, root, true);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            straight = new Trainer(TrainingListener.SILENT).train(assembly, straightFolder, root, false);
        }
        assertThat(resumed.valid().metrics().asMap()).isEqualTo(straight.valid().metrics().asMap());
        assertThat(resumed.test().orElseThrow().metrics().asMap())
                .isEqualTo(straight.test().orElseThrow().metrics().asMap());
        assertThat(scaleIn(assembly, stopped.checkpoint("last")))
                .isEqualTo(scaleIn(assembly, straightFolder.checkpoint("last")))
                .isNotEqualTo(afterEpochOne);
        assertThat(resumed.parameters()).containsEntry("objective:scaled-l1", 1L);
    }

    /** The scale a checkpoint holds, restored into a model built anew. */
    private static float scaleIn(ResolvedAssembly assembly, Path checkpoint) {
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root);
             Adam adam = new Adam(AdamConfig.defaults(), root)) {
            Checkpoint.restore(checkpoint, model, adam, root);
            return model.parameters().get(SCALE).getArray().getFloat();
        }
    }

    private static ResolvedAssembly assembly(String epochs) {
        return Assemblies.resolve(ScaledL1Factory.installed(), "tiny.yaml", TINY, epochs, "train.patience=0");
    }
}
