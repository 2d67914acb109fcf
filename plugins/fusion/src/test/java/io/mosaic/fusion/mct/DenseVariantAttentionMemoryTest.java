package io.mosaic.fusion.mct;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Temporaries;
import io.mosaic.encoders.testing.DirectMemory;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.testing.Blocks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dense variants' gradients when the collector frees the Java memory of the component's released temporaries
 * between forward and backward, as it may in a training step: equal to those of a step without a collection. The
 * variant membership, made from Java data, once lay over a buffer the collector freed while autograd held it (NaN).
 */
class DenseVariantAttentionMemoryTest {
    private static final int DIM = 4;
    private static final int STEPS = 100;

    private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(13);
        manager = NDManager.newBaseManager();
        store = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void gradientsAreTheSameWhenTheCollectorRunsBeforeBackward() {
        float[] quiet = inputGradient(false);
        float[] collected = inputGradient(true);

        assertThat(quiet).doesNotContain(Float.NaN);
        assertThat(IntStream.range(0, quiet.length).filter(i -> Float.compare(quiet[i], collected[i]) != 0).count())
                .as("entries of ∂/∂x that changed with a collection before backward, of %d", quiet.length).isZero();
    }

    /** ∂ Σ probe ⊙ MCA(x) / ∂x, the forward's temporaries released as the runtime releases a component's. */
    private float[] inputGradient(boolean collect) {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        for (String name : new String[] {"text", "audio", "vision"}) {
            shapes.put(name, FeatureShape.sequence(STEPS, DIM));
        }
        BlockLayout layout = BlockLayout.of("mct", shapes);
        BuildContext context = Blocks.context(manager, DataType.FLOAT32);
        MultimodalCompositeAttention mca = new MultimodalCompositeAttention(layout, 2, new DenseVariantAttention(0.0),
                context);
        Blocks.randomize(mca, new Random(17));
        Random random = new Random(5);
        Map<String, Features> blocks = new LinkedHashMap<>();
        for (String name : shapes.keySet()) {
            blocks.put(name, Blocks.sequence(manager, random, STEPS, DIM, DataType.FLOAT32, STEPS, STEPS / 2));
        }
        BlockLayout.Joined joined = layout.join(blocks);
        KeyPadding padding = KeyPadding.of(joined.valid(), DataType.FLOAT32);
        NDArray x = joined.values();
        x.setRequiresGradient(true);
        float[] weights = new float[2 * 3 * STEPS * DIM];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        NDArray probe = manager.create(weights, new Shape(2, 3 * STEPS, DIM));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Temporaries.released(() -> mca.forward(store, x, padding, true).values().mul(probe).sum());
            if (collect) {
                DirectMemory.collectUnreachable();
            }
            collector.backward(loss);
        }
        return x.getGradient().toFloatArray();
    }
}
