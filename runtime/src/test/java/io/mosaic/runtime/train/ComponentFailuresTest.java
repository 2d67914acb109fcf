package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Modality;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.model.ComponentFailureException;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run fails at the first batch a component fails on, with a message that names the component and its bundle. */
class ComponentFailuresTest {
    /** The tiny baseline with a faulty text encoder between the GRU and the pooling, and the objectives given. */
    private static final String TINY = """
            name: faulty
            seed: 7
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: gru, hidden: 8 }, %s, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives: [ %s ]
            train:
              batch: 32
              select: { metric: mae }
            """;
    private static final String HEALTHY = "{ use: pointwise-projection, dim: 8 }";
    private static final String FAULTY = "encoder '%s' (slot text[1], bundle io.mosaic.test.faulty 1.0.0) ";

    @TempDir
    Path runs;

    @Test
    void anExceptionInAnEncoderNamesItAndKeepsItsCause() {
        assertThatThrownBy(() -> train("exploding", "l1"))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(FAULTY.formatted("exploding") + "failed in forward: java.lang.IllegalStateException: "
                        + "the exploding encoder exploded")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEncoderThatDropsAFeatureNamesTheShapeItDeclaredAndTheOneItReturned() {
        ResolvedAssembly assembly = resolve("narrowing", "l1");
        int steps = assembly.dataSpec().input(Modality.TEXT).steps();

        assertThatThrownBy(() -> train(assembly))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(FAULTY.formatted("narrowing") + "returned a wrong shape in forward: expected (32, "
                        + steps + ", 8) for its declared output " + steps + "x8, found (32, " + steps + ", 7)");
    }

    @Test
    void nanFromAnEncoderIsTracedToItNotToTheComponentsDownstream() {
        assertThatThrownBy(() -> train("nan", "l1"))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(FAULTY.formatted("nan") + "produced NaN from finite inputs in forward (view clean); "
                        + "the loss is NaN at epoch 1, batch 1");
    }

    @Test
    void nanFromAnObjectiveNamesTheObjectiveOnceEveryComponentIsFinite() {
        assertThatThrownBy(() -> train(HEALTHY, "l1, nan-loss"))
                .isInstanceOf(TrainingException.class)
                .hasMessage("the loss is NaN at epoch 1, batch 1: no component produced NaN or infinity from finite "
                        + "inputs; non-finite objectives: nan-loss (view clean) = NaN");
    }

    @Test
    void anExceptionInAnObjectiveNamesTheObjective() {
        assertThatThrownBy(() -> train(HEALTHY, "l1, exploding-loss"))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage("objective 'exploding-loss' (bundle io.mosaic.test.faulty 1.0.0) failed in loss: "
                        + "java.lang.ArithmeticException: the exploding loss exploded");
    }

    private static ResolvedAssembly resolve(String textEncoder, String objectives) {
        return Assemblies.resolve(FaultyComponents.installed(), "faulty.yaml",
                TINY.formatted(textEncoder, objectives), "train.epochs=1");
    }

    private void train(String textEncoder, String objectives) {
        train(resolve(textEncoder, objectives));
    }

    private void train(ResolvedAssembly assembly) {
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(assembly, RunFolder.create(runs, assembly.name(),
                    LocalDateTime.now()), root, false);
        }
    }
}
