package io.mosaic.fusion.crossmodal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.TorchFixture;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.testing.Blocks;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MulT's crossmodal fusion against torch fixtures written from the official code (make-fixtures.py). */
class CrossmodalFusionTest {
    private static final List<String> MODALITIES = List.of("text", "audio", "vision");
    /** The fixtures' shapes: make-fixtures.py's STEPS, D, HEADS, LAYERS and MEMORY_LAYERS. */
    private static final Map<String, Integer> STEPS = Map.of("text", 5, "audio", 7, "vision", 6);
    private static final int D = 8;
    private static final Map<String, Object> SMALL = Map.of("heads", 2, "layers", 2, "memory-layers", 3);

    private final CrossmodalFactory factory = new CrossmodalFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(31);
        manager = NDManager.newBaseManager();
        context = Blocks.context(manager, DataType.FLOAT32);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Fusion build(Map<String, Integer> steps, int width, Map<String, Object> raw) {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        MODALITIES.stream().filter(steps::containsKey)
                .forEach(m -> shapes.put(m, FeatureShape.sequence(steps.get(m), width)));
        return factory.create(Parameters.of(factory.parameters(), raw), shapes, context);
    }

    /** Loads every parameter of {@code block} from the fixture tensor of its name without DJL's child numbers. */
    private static void load(TorchFixture fixture, Block block) {
        for (var parameter : block.getParameters()) {
            fixture.load(block, parameter.getKey(), parameter.getKey().replaceAll("(^|_)\\d{2}", "$1"));
        }
        long tensors = fixture.names().stream().filter(name -> name.contains("_")).count();
        assertThat(block.getParameters().size()).as("parameters loaded, tensors in the fixture").isEqualTo(tensors);
    }

    private Map<String, Features> fixtureInputs(TorchFixture fixture) {
        Map<String, Features> inputs = new LinkedHashMap<>();
        for (String m : MODALITIES) {
            inputs.put(m, Features.sequence(fixture.array(manager, m), manager.create(fixture.longs(m + ".lengths"))));
        }
        return inputs;
    }

    private static NDArray forward(Fusion fusion, Map<String, Features> inputs, NDManager manager) {
        return fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), false).values();
    }

    @Test
    void oneCrossmodalLayerEqualsTheOfficialLayerWithTheSourcesPaddingMasked() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "layer.tsv");
        CrossmodalLayer layer = new CrossmodalLayer(D, new CrossmodalAttention(D, 2, 0.0, context), 0.0, 0.0,
                context);
        load(fixture, layer);
        NDArray source = fixture.array(manager, "source");
        NDArray valid = Features.sequence(source, manager.create(fixture.longs("source.lengths"))).mask();

        NDArray y = layer.forward(new ParameterStore(manager, false), fixture.array(manager, "x"), source, source,
                AttentionMask.of(valid, 5, false, DataType.FLOAT32), false);

        assertThat(Blocks.maxDifference(y, fixture.array(manager, "y"))).isLessThan(1e-5);
    }

    @Test
    void theFusionEqualsTheOfficialModulesWithPaddingMaskedAndZeroed() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "masked.tsv");
        Fusion fusion = build(STEPS, D, SMALL);
        load(fixture, fusion);

        NDArray y = forward(fusion, fixtureInputs(fixture), manager);

        assertThat(y.getShape()).isEqualTo(new Shape(2, 18, 2 * D));
        assertThat(Blocks.maxDifference(y, fixture.array(manager, "y"))).isLessThan(1e-5);
    }

    @Test
    void withReferenceQuirksAndTheFutureMaskItIsTheOfficialCodeAsItIs() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "quirks.tsv");
        Map<String, Object> raw = new LinkedHashMap<>(SMALL);
        raw.put("reference-quirks", true);
        raw.put("future-mask", true);
        Fusion fusion = build(STEPS, D, raw);
        load(fixture, fusion);

        NDArray y = forward(fusion, fixtureInputs(fixture), manager);

        assertThat(Blocks.maxDifference(y, fixture.array(manager, "y"))).isLessThan(1e-5);
        // the official code outputs its padded steps too: text's sample 1 has length 3 of 5
        assertThat(y.get(new NDIndex("1, 3:5, :")).abs().sum().getFloat()).isPositive();
    }

    @Test
    void whatPaddingHoldsChangesNothingAndPaddedStepsOutputZero() {
        Random random = new Random(3);
        Fusion fusion = build(STEPS, D, SMALL);
        Blocks.randomize(fusion, random);
        Map<String, Features> inputs = new LinkedHashMap<>();
        Map<String, Features> junk = new LinkedHashMap<>();
        Map<String, long[]> lengths = Map.of("text", new long[] {5, 2}, "audio", new long[] {3, 7},
                "vision", new long[] {6, 1});
        for (String m : MODALITIES) {
            Features clean = Blocks.sequence(manager, random, STEPS.get(m), D, DataType.FLOAT32, lengths.get(m));
            NDArray padding = clean.mask().logicalNot().expandDims(2).broadcast(clean.values().getShape());
            NDArray garbage = manager.full(clean.values().getShape(), Float.NaN);
            garbage.set(new NDIndex(":, :, 0"), 1e6f);
            inputs.put(m, clean);
            junk.put(m, clean.withValues(ai.djl.ndarray.NDArrays.where(padding, garbage, clean.values())));
        }

        NDArray y = forward(fusion, inputs, manager);
        NDArray z = forward(fusion, junk, manager);

        assertThat(z.toFloatArray()).containsExactly(y.toFloatArray());
        // text occupies steps 0..4, audio 5..11, vision 12..17: sample 1's padding in each block is exactly 0
        assertThat(y.get(new NDIndex("1, 2:5, :")).abs().sum().getFloat()).isZero();
        assertThat(y.get(new NDIndex("0, 8:12, :")).abs().sum().getFloat()).isZero();
        assertThat(y.get(new NDIndex("1, 13:18, :")).abs().sum().getFloat()).isZero();
        assertThat(y.get(new NDIndex("1, 0:2, :")).abs().min().getFloat()).isPositive();
    }

    @Test
    void gradientsReachEveryRealStepAndNoPaddedOne() {
        Random random = new Random(4);
        Fusion fusion = build(STEPS, D, SMALL);
        Blocks.randomize(fusion, random);
        Map<String, Features> inputs = new LinkedHashMap<>();
        for (String m : MODALITIES) {
            Features features = Blocks.sequence(manager, random, STEPS.get(m), D, DataType.FLOAT32, 4, 1);
            features.values().setRequiresGradient(true);
            inputs.put(m, features);
        }

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), true).values();
            collector.backward(y.sum());
        }

        for (String m : MODALITIES) {
            NDArray gradient = inputs.get(m).values().getGradient();
            assertThat(gradient.isNaN().any().getBoolean()).as(m).isFalse();
            assertThat(gradient.get(new NDIndex("0, 0:4, :")).abs().sum().getFloat()).as(m + " real").isPositive();
            assertThat(gradient.get(new NDIndex("0, 4:, :")).abs().sum().getFloat()).as(m + " padding").isZero();
            assertThat(gradient.get(new NDIndex("1, 1:, :")).abs().sum().getFloat()).as(m + " padding").isZero();
        }
    }

    @Test
    void aTrainingPassIsTheSameForTheSameSeed() {
        Fusion fusion = build(STEPS, D, SMALL);
        Map<String, Features> inputs = new LinkedHashMap<>();
        Random random = new Random(5);
        MODALITIES.forEach(m -> inputs.put(m, Blocks.sequence(manager, random, STEPS.get(m), D, DataType.FLOAT32,
                3, STEPS.get(m))));

        Engine.getInstance().setRandomSeed(8);
        float[] first = fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), true).values()
                .toFloatArray();
        Engine.getInstance().setRandomSeed(8);
        float[] second = fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), true).values()
                .toFloatArray();
        float[] evaluated = forward(fusion, inputs, manager).toFloatArray();

        assertThat(second).containsExactly(first);
        assertThat(evaluated).as("dropout acts in training").isNotEqualTo(first);
    }

    /** One pre-LN layer of width w: attention 4w² + 4w, FFN 8w² + 5w, two LayerNorms 4w. */
    private static long layer(long w) {
        return 12 * w * w + 13 * w;
    }

    @Test
    void theParameterCountIsTheOfficialModelsFusionPart() {
        Fusion fusion = build(Map.of("text", 50, "audio", 375, "vision", 500), 30, Map.of());

        // per target two crossmodal transformers of width 30 and a memory of width 60, each with a final LayerNorm;
        // the official MULTModel at (300, 74, 35) features, d 30, nlevels 5, 5 heads has 1,073,731 parameters, of
        // which the three Conv1d projections take 30·409, proj1 and proj2 2·(180² + 180) and out_layer 181
        long expected = 6 * (5 * layer(30) + 2 * 30) + 3 * (5 * layer(60) + 2 * 60);
        assertThat(expected).isEqualTo(1_073_731 - 30 * 409 - 2 * (180 * 180 + 180) - 181);
        assertThat(Blocks.trainedSize(fusion)).isEqualTo(expected);
        assertThat(fusion.output()).isEqualTo(FeatureShape.sequence(925, 60));
    }

    @Test
    void twoModalitiesFuseEachWithTheOther() {
        Fusion fusion = build(Map.of("text", 4, "vision", 3), D, SMALL);

        assertThat(fusion.output()).isEqualTo(FeatureShape.sequence(7, D));
        assertThat(Blocks.trainedSize(fusion)).isEqualTo(2 * (2 * layer(D) + 2 * D) + 2 * (3 * layer(D) + 2 * D));
    }

    @Test
    void withTwoModalitiesTheOneStreamIntoEachTargetPassesItsGradient() {
        // each target has one stream, which DJL's concat of one array cut off from autograd
        Random random = new Random(6);
        Fusion fusion = build(Map.of("text", 4, "vision", 3), D, SMALL);
        Blocks.randomize(fusion, random);
        Map<String, Features> inputs = new LinkedHashMap<>();
        for (String m : List.of("text", "vision")) {
            Features features = Blocks.sequence(manager, random, m.equals("text") ? 4 : 3, D, DataType.FLOAT32, 2,
                    2);
            features.values().setRequiresGradient(true);
            inputs.put(m, features);
        }

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), true).values()
                    .sum());
        }

        for (String m : List.of("text", "vision")) {
            assertThat(inputs.get(m).values().getGradient().get(new NDIndex(":, 0:2, :")).abs().sum().getFloat())
                    .as(m).isPositive();
        }
    }

    @Test
    void theFutureMaskLetsQueryTReachKeysUpToTPlusTheLengthDifference() {
        float[] bias = AttentionMask.futureBias(manager, 2, 4, DataType.FLOAT32).toFloatArray();
        float no = (float) KeyPadding.FORBIDDEN;

        assertThat(bias).containsExactly(0, 0, 0, no, 0, 0, 0, 0);
        assertThat(AttentionMask.futureBias(manager, 3, 3, DataType.FLOAT32).toFloatArray())
                .containsExactly(0, no, no, 0, 0, no, 0, 0, 0);
    }

    @Test
    void positionsAreFairseqsTableAtTPlusOneScaledInput() {
        // D = 4: h = 2, ω = (1, 10000^-1); pe[p] = [sin p, sin(p/10⁴), cos p, cos(p/10⁴)]
        NDArray x = manager.create(new float[] {0, 1, 0, 0, 0.5f, 0, 0, 0}, new Shape(1, 2, 4));
        float[] masked = new ScaledPositions(3, 4, false).apply(x).toFloatArray();
        float[] quirks = new ScaledPositions(3, 4, true).apply(x).toFloatArray();

        float[] expected = {
            (float) Math.sin(1), 2 + (float) Math.sin(1e-4), (float) Math.cos(1), (float) Math.cos(1e-4),
            1 + (float) Math.sin(2), (float) Math.sin(2e-4), (float) Math.cos(2), (float) Math.cos(2e-4)};
        for (int i = 0; i < expected.length; i++) {
            assertThat(masked[i]).as("masked " + i).isCloseTo(expected[i], within(1e-6f));
        }
        // the official code: step 0's first feature is 0, so it takes position 0, a zero row; step 1 keeps p = 2
        assertThat(quirks[0]).isZero();
        assertThat(quirks[1]).isEqualTo(2f);
        assertThat(quirks[4]).isCloseTo(expected[4], within(1e-6f));
    }

    @Test
    void unusableInputsAreRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> build(Map.of("text", 4), D, SMALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two sequence inputs");
        assertThatThrownBy(() -> build(STEPS, 9, SMALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width 9 must be at least 4 and a multiple of heads 2");
        Map<String, FeatureShape> pooled = new LinkedHashMap<>();
        pooled.put("text", FeatureShape.sequence(4, D));
        pooled.put("vision", FeatureShape.vector(D));
        assertThatThrownBy(() -> factory.create(Parameters.of(factory.parameters(), SMALL), pooled, context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'vision' is a pooled vector");
        Map<String, FeatureShape> widths = new LinkedHashMap<>();
        widths.put("text", FeatureShape.sequence(4, D));
        widths.put("vision", FeatureShape.sequence(4, 2 * D));
        assertThatThrownBy(() -> factory.create(Parameters.of(factory.parameters(), SMALL), widths, context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs of one width");
    }
}
