package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.train.optim.AdamConfig;
import io.mosaic.runtime.train.optim.ParameterGroups;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer's parameter groups and gradient accumulation in training, with MMSA's semantics
 * (reference/mmsa.md §1.8 and §3.3): a group's own learning rate applies, and N accumulated batches make one Adam
 * step on their summed gradients, an epoch's incomplete last group making none.
 */
class OptimizerStepsTest {
    /** The tiny baseline without dropout, so that a batch's gradient depends on the weights and the batch alone. */
    private static final String NO_DROPOUT = TinyBaseline.YAML.replace("head: { use: mlp, hidden: [8] }",
            "head: { use: mlp, hidden: [8], dropout: 0.0 }");
    /** tiny's training split: 160 samples, 5 batches of 32. */
    private static final int TRAINING_SAMPLES = 160;
    private static final int BATCH = 32;

    @TempDir
    Path runs;

    @Test
    void aGroupWithLearningRateZeroDoesNotMoveWhileTheOthersDo() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TinyBaseline.YAML
                + """
                  optimizer:
                    weight-decay: 0.01
                    groups:
                      - { slots: [text], lr: 0.0 }
                      - { slots: [audio, vision], lr: 0.01 }
                """, "train.epochs=1");
        RunFolder folder = train(assembly);

        try (NDManager root = NDManager.newBaseManager();
             BuiltModel initial = initialModel(assembly, root);
             BuiltModel trained = restored(assembly, folder, root)) {
            initial.trainable().forEach((name, parameter) -> {
                float[] before = parameter.getArray().toFloatArray();
                float[] after = trained.trainable().get(name).getArray().toFloatArray();
                if (name.startsWith("text/")) {
                    assertThat(after).as(name).containsExactly(before);
                } else {
                    assertThat(after).as(name).isNotEqualTo(before);
                }
            });
        }
    }

    @Test
    void accumulatingFourBatchesIsOneStepOnTheirSummedGradients() {
        // 5 batches per epoch: batches 1-4 make one step, the fifth (an incomplete group) none, in both epochs.
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", NO_DROPOUT,
                "train.epochs=2", "train.patience=0", "train.optimizer.accumulate=4",
                "train.optimizer.weight-decay=0.01");
        RunFolder folder = train(assembly);

        try (NDManager root = NDManager.newBaseManager();
             BuiltModel expected = initialModel(assembly, root);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root);
             BuiltModel trained = ModelBuilder.build(assembly, root);
             Adam trainedAdam = new Adam(AdamConfig.defaults(), root)) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                int[] order = Trainer.shuffled(TRAINING_SAMPLES, assembly.assembly().seed(), epoch);
                Map<String, float[]> sum = new LinkedHashMap<>();
                for (int b = 0; b < 4; b++) {
                    int[] batch = Arrays.copyOfRange(order, b * BATCH, (b + 1) * BATCH);
                    gradientsOf(assembly, expected, batch, root).forEach((name, gradient) ->
                            sum.merge(name, gradient, OptimizerStepsTest::plus));
                }
                sum.forEach((name, gradient) -> setGradient(expected.trainable().get(name), gradient));
                adam.step(ParameterGroups.of(assembly.train(), expected.trainable()));
                expected.trainable().values().forEach(OptimizerStepsTest::zeroGradient);
            }
            Checkpoint.restore(folder.checkpoint("last"), trained, trainedAdam, root);

            assertThat(trainedAdam.steps()).isEqualTo(2);
            expected.trainable().forEach((name, parameter) -> assertThat(trained.trainable().get(name).getArray()
                    .toFloatArray()).as(name).containsExactly(parameter.getArray().toFloatArray()));
        }
    }

    @Test
    void aRunStoppedInsideAnAccumulationGroupResumesToTheNumbersOfOneNeverStopped() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TinyBaseline.YAML,
                "train.epochs=2", "train.patience=0", "train.optimizer.accumulate=2");
        StopRequest stop = new StopRequest();
        TrainingListener stopInEpochTwo = new StopAfterBatch(stop, 2, 1);
        RunFolder stopped = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(stopInEpochTwo, stop).train(assembly, stopped, root, false))
                    .isInstanceOf(RunStoppedException.class)
                    .hasMessage("stopped (test) at epoch 2, batch 2 of 5");
        }

        TrainingResult resumed;
        try (NDManager root = NDManager.newBaseManager()) {
            resumed = new Trainer(TrainingListener.SILENT).train(assembly, stopped, root, true);
        }
        RunFolder straight = RunFolder.create(runs, "tiny", LocalDateTime.now());
        TrainingResult uninterrupted;
        try (NDManager root = NDManager.newBaseManager()) {
            uninterrupted = new Trainer(TrainingListener.SILENT).train(assembly, straight, root, false);
        }

        assertThat(resumed.test().orElseThrow().metrics().asMap())
                .isEqualTo(uninterrupted.test().orElseThrow().metrics().asMap());
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel fromStopped = restored(assembly, stopped, root);
             BuiltModel fromStraight = restored(assembly, straight, root)) {
            fromStraight.trainable().forEach((name, parameter) -> assertThat(fromStopped.trainable().get(name)
                    .getArray().toFloatArray()).as(name).containsExactly(parameter.getArray().toFloatArray()));
        }
    }

    private RunFolder train(ResolvedAssembly assembly) {
        RunFolder folder = RunFolder.create(runs, assembly.name(), LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }
        return folder;
    }

    /** The model as the trainer initialises it, before any step. */
    private static BuiltModel initialModel(ResolvedAssembly assembly, NDManager root) {
        Engine.getInstance().setRandomSeed(Trainer.seedOf(assembly.assembly().seed(), 0));
        return ModelBuilder.build(assembly, root);
    }

    /** A model holding the weights of the folder's last checkpoint. */
    private static BuiltModel restored(ResolvedAssembly assembly, RunFolder folder, NDManager root) {
        BuiltModel model = ModelBuilder.build(assembly, root);
        try (Adam adam = new Adam(AdamConfig.defaults(), root)) {
            Checkpoint.restore(folder.checkpoint("last"), model, adam, root);
        }
        return model;
    }

    /**
     * Each trainable parameter's gradient of the batch's loss alone (the gradients must be zero before), as the
     * trainer computes it; they are zero again after.
     */
    private static Map<String, float[]> gradientsOf(ResolvedAssembly assembly, BuiltModel model, int[] indices,
                                                    NDManager root) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager manager = root.newSubManager()) {
            Split train = assembly.dataset().split(Dataset.TRAIN);
            Batch batch = new Batcher(assembly.dataSpec().inputs(), assembly.dataSpec().task())
                    .batch(train, indices, manager);
            ParameterStore store = new ParameterStore(manager, false);
            StepViews views = new StepViews(store);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Taps taps = new Taps();
                model.network().forward(store, batch, taps, true);
                views.add(Views.CLEAN, batch, taps);
                collector.backward(Trainer.weightedLoss(assembly.objectives(), model, views, manager));
            }
            model.trainable().forEach((name, parameter) -> {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                }
                zeroGradient(parameter);
            });
        }
        return gradients;
    }

    private static void zeroGradient(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient()) {
            gradient.subi(gradient);
        }
    }

    /** Makes the parameter's gradient exactly {@code gradient}: zero it, then backpropagate Σ w·c, whose gradient is c. */
    private static void setGradient(Parameter parameter, float[] gradient) {
        NDArray weight = parameter.getArray();
        try (NDManager scratch = weight.getManager().newSubManager()) {
            weight.tempAttach(scratch);
            NDArray current = weight.getGradient();
            current.subi(current);
            NDArray c = scratch.create(gradient, weight.getShape());
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(weight.mul(c).sum());
            }
        }
    }

    /** a + b elementwise in float32, as autograd adds a batch's gradient to the accumulated one. */
    private static float[] plus(float[] a, float[] b) {
        float[] sum = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
