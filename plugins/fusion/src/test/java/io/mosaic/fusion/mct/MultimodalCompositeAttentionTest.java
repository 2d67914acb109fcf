package io.mosaic.fusion.mct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import io.mosaic.fusion.layers.QkvProjection;
import io.mosaic.fusion.testing.Blocks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The attention variants at the level of one MCA module: masks, independence, and gradients. */
class MultimodalCompositeAttentionTest {
    private static final int DIM = 4;
    private static final int HEADS = 2;
    /** Blocks L, A, V of 2, 3 and 2 steps; the positions of the joined sequence are L0 L1 A0 A1 A2 V0 V1. */
    private static final int[] STEPS = {2, 3, 2};
    /** Per sample, the lengths of L, A, V: sample 1 pads L1, A1, A2 and V1. */
    private static final long[][] LENGTHS = {{2, 3, 2}, {1, 1, 1}};

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

    private static BlockLayout layout() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        String[] names = {"text", "audio", "vision"};
        for (int m = 0; m < STEPS.length; m++) {
            shapes.put(names[m], FeatureShape.sequence(STEPS[m], DIM));
        }
        return BlockLayout.of("mct", shapes);
    }

    private MultimodalCompositeAttention build(VariantAttention attention, DataType type) {
        BuildContext context = Blocks.context(manager, type);
        MultimodalCompositeAttention mca = new MultimodalCompositeAttention(layout(), HEADS, attention, context);
        Blocks.randomize(mca, new Random(17));
        return mca;
    }

    /** The joined input [2, 7, D] and its padding. */
    private BlockLayout.Joined input(DataType type, long seed) {
        Random random = new Random(seed);
        BlockLayout layout = layout();
        Map<String, Features> blocks = new LinkedHashMap<>();
        for (int m = 0; m < STEPS.length; m++) {
            blocks.put(layout.name(m), Blocks.sequence(manager, random, STEPS[m], DIM, type, LENGTHS[0][m],
                    LENGTHS[1][m]));
        }
        return layout.join(blocks);
    }

    private static boolean padding(int sample, int position) {
        int block = position < 2 ? 0 : position < 5 ? 1 : 2;
        int start = block == 0 ? 0 : block == 1 ? 2 : 5;
        return position - start >= LENGTHS[sample][block];
    }

    private static int block(int position) {
        return position < 2 ? 0 : position < 5 ? 1 : 2;
    }

    @Test
    void ordersTheVariantsFullSetFirstThenBySizeThenInputOrder() {
        List<String> labels = Variant.all(layout()).stream().map(Variant::label).toList();

        assertThat(labels).containsExactly("text+audio+vision", "text+audio", "text+vision", "audio+vision", "text",
                "audio", "vision");
    }

    @Test
    void denseVariantsGiveZeroOutsideTheirBlocksAndNeverWeighForbiddenKeys() {
        MultimodalCompositeAttention mca = build(new DenseVariantAttention(0.0), DataType.FLOAT32);
        BlockLayout.Joined joined = input(DataType.FLOAT32, 1);
        KeyPadding padding = KeyPadding.of(joined.valid(), DataType.FLOAT32);
        QkvProjection.Projected projected = mca.project(store, joined.values(), padding, false);
        DenseVariantAttention dense = new DenseVariantAttention(0.0);

        for (Variant variant : mca.variants()) {
            VariantAttention.Weighted weighted = dense.attend(variant, projected, padding, false);
            float[] weights = weighted.weights().toFloatArray();
            float[] context = weighted.context().toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int q = 0; q < 7; q++) {
                    boolean inside = variant.contains(block(q));
                    for (int d = 0; d < DIM; d++) {
                        float value = context[(b * 7 + q) * DIM + d];
                        if (!inside) {
                            assertThat(value).as("%s, sample %d, query %d", variant, b, q).isZero();
                        }
                    }
                    for (int h = 0; h < HEADS; h++) {
                        double sum = 0;
                        for (int k = 0; k < 7; k++) {
                            float weight = weights[((b * HEADS + h) * 7 + q) * 7 + k];
                            boolean allowed = inside && variant.contains(block(k)) && !padding(b, k);
                            if (!allowed) {
                                assertThat(weight).as("%s, sample %d, query %d, key %d", variant, b, q, k)
                                        .isZero();
                            }
                            sum += weight;
                        }
                        assertThat(sum).as("%s, sample %d, query %d", variant, b, q)
                                .isCloseTo(inside ? 1 : 0, within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void blockedVariantsWeighOnlyTheRealKeysOfTheirBlocks() {
        MultimodalCompositeAttention mca = build(new BlockedVariantAttention(0.0), DataType.FLOAT32);
        BlockLayout.Joined joined = input(DataType.FLOAT32, 1);
        KeyPadding padding = KeyPadding.of(joined.valid(), DataType.FLOAT32);
        QkvProjection.Projected projected = mca.project(store, joined.values(), padding, false);
        BlockedVariantAttention blocked = new BlockedVariantAttention(0.0);

        for (Variant variant : mca.variants()) {
            int[] positions = new int[variant.steps()];
            for (int p = 0, i = 0; p < 7; p++) {
                if (variant.contains(block(p))) {
                    positions[i++] = p;
                }
            }
            int n = positions.length;
            VariantAttention.Weighted weighted = blocked.attend(variant, projected, padding, false);
            assertThat(weighted.weights().getShape()).isEqualTo(new Shape(2, HEADS, n, n));
            assertThat(weighted.context().getShape()).isEqualTo(new Shape(2, n, DIM));
            float[] weights = weighted.weights().toFloatArray();
            for (int b = 0; b < 2; b++) {
                for (int row = 0; row < n * HEADS; row++) {
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        float weight = weights[(b * HEADS * n + row) * n + k];
                        if (padding(b, positions[k])) {
                            assertThat(weight).as("%s, sample %d, key %d", variant, b, positions[k]).isZero();
                        }
                        sum += weight;
                    }
                    assertThat(sum).isCloseTo(1, within(1e-6));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocked", "dense"})
    void changingOneBlocksInputChangesExactlyTheVariantsThatContainIt(String kind) {
        VariantAttention attention = kind.equals("dense") ? new DenseVariantAttention(0.0)
                : new BlockedVariantAttention(0.0);
        MultimodalCompositeAttention mca = build(attention, DataType.FLOAT32);
        BlockLayout layout = layout();
        BlockLayout.Joined joined = input(DataType.FLOAT32, 1);
        KeyPadding padding = KeyPadding.of(joined.valid(), DataType.FLOAT32);
        List<NDArray> before = contexts(mca, attention, joined.values(), padding);

        for (int changed = 0; changed < 3; changed++) {
            // new values at every position of block `changed`, the same elsewhere
            float[] x = joined.values().toFloatArray();
            Random random = new Random(20 + changed);
            for (int b = 0; b < 2; b++) {
                for (int t = layout.offset(changed); t < layout.offset(changed) + layout.steps(changed); t++) {
                    for (int d = 0; d < DIM; d++) {
                        x[(b * 7 + t) * DIM + d] = random.nextFloat() * 2 - 1;
                    }
                }
            }
            List<NDArray> after = contexts(mca, attention, manager.create(x, new Shape(2, 7, DIM)), padding);

            for (int j = 0; j < before.size(); j++) {
                Variant variant = mca.variants().get(j);
                double difference = Blocks.maxDifference(after.get(j), before.get(j));
                if (variant.contains(changed)) {
                    assertThat(difference).as("%s after changing block %d", variant, changed).isGreaterThan(1e-2);
                } else {
                    assertThat(difference).as("%s after changing block %d", variant, changed).isZero();
                }
            }
        }
    }

    /** Every variant's attention output at its own positions, from the module's in-projection of {@code x}. */
    private List<NDArray> contexts(MultimodalCompositeAttention mca, VariantAttention attention, NDArray x,
                                   KeyPadding padding) {
        QkvProjection.Projected projected = mca.project(store, x, padding, false);
        return mca.variants().stream().map(v -> attention.context(v, projected, padding, false)).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocked", "dense"})
    void backPropagatesTheCentralDifferenceGradientInFloat64(String kind) {
        VariantAttention attention = kind.equals("dense") ? new DenseVariantAttention(0.0)
                : new BlockedVariantAttention(0.0);
        MultimodalCompositeAttention mca = build(attention, DataType.FLOAT64);
        BlockLayout.Joined joined = input(DataType.FLOAT64, 2);
        KeyPadding padding = KeyPadding.of(joined.valid(), DataType.FLOAT64);
        NDArray x = joined.values();
        NDArray probe = manager.randomNormal(new Shape(2, 7, DIM), DataType.FLOAT64);
        NDArray weight = mca.getParameters().get("01inProjection_01projection_weight").getArray();
        x.setRequiresGradient(true);

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss(mca, x, padding, probe));
        }
        double[] inputGradient = x.getGradient().toDoubleArray();
        double[] weightGradient = weight.getGradient().toDoubleArray();

        double[] xs = x.toDoubleArray();
        double[] ws = weight.toDoubleArray();
        double h = 1e-6;
        Random random = new Random(3);
        for (int trial = 0; trial < 12; trial++) {
            int i = random.nextInt(xs.length);
            double numeric = (loss(mca, shifted(xs, i, h, x.getShape()), padding, probe).getDouble()
                    - loss(mca, shifted(xs, i, -h, x.getShape()), padding, probe).getDouble()) / (2 * h);
            assertThat(inputGradient[i]).as("∂/∂x[%d]", i).isCloseTo(numeric, within(1e-6 + 1e-6 * Math.abs(numeric)));

            int k = random.nextInt(ws.length);
            weight.set(shifted(ws, k, h, weight.getShape()).toByteBuffer());
            double up = loss(mca, x, padding, probe).getDouble();
            weight.set(shifted(ws, k, -h, weight.getShape()).toByteBuffer());
            double down = loss(mca, x, padding, probe).getDouble();
            weight.set(ws);
            double numericWeight = (up - down) / (2 * h);
            assertThat(weightGradient[k]).as("∂/∂W_in[%d]", k)
                    .isCloseTo(numericWeight, within(1e-6 + 1e-6 * Math.abs(numericWeight)));
        }
        assertThat(x.getGradient().abs().max().getDouble()).isGreaterThan(1e-2);
    }

    @Test
    void denseGradientsAreTheSameWhenTheCollectorRunsBeforeBackward() {
        float[] quiet = denseInputGradient(false);
        float[] collected = denseInputGradient(true);

        assertThat(quiet).doesNotContain(Float.NaN);
        assertThat(IntStream.range(0, quiet.length).filter(i -> Float.compare(quiet[i], collected[i]) != 0).count())
                .as("entries of ∂/∂x that changed with a collection before backward, of %d", quiet.length).isZero();
    }

    /**
     * ∂ Σ probe ⊙ MCA(x) / ∂x with the dense variants, the forward's temporaries released as the runtime releases a
     * component's, and with {@code collect} the direct buffers nothing reaches freed before backward, as a collection
     * may free them in a training step. The variant membership, made from Java data, once lay over a buffer the
     * collector freed while autograd held it: NaN.
     */
    private float[] denseInputGradient(boolean collect) {
        MultimodalCompositeAttention mca = build(new DenseVariantAttention(0.0), DataType.FLOAT32);
        BlockLayout.Joined joined = input(DataType.FLOAT32, 2);
        KeyPadding padding = KeyPadding.of(joined.valid(), DataType.FLOAT32);
        NDArray x = joined.values();
        NDArray probe = input(DataType.FLOAT32, 3).values();
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Temporaries.released(() -> mca.forward(store, x, padding, true).values().mul(probe).sum());
            if (collect) {
                DirectMemory.collectUnreachable();
            }
            collector.backward(loss);
        }
        return x.getGradient().toFloatArray();
    }

    /** Σ probe ⊙ MCA(x): a scalar whose gradient reaches every output entry. */
    private NDArray loss(MultimodalCompositeAttention mca, NDArray x, KeyPadding padding, NDArray probe) {
        return mca.forward(store, x, padding, false).values().mul(probe).sum();
    }

    private NDArray shifted(double[] values, int index, double step, Shape shape) {
        double[] copy = values.clone();
        copy[index] += step;
        return manager.create(copy, shape);
    }
}
