package io.mosaic.encoders.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.OwnOptimizerGroup;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Tokens;
import io.mosaic.encoders.testing.TorchFixture;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder against what torch computed with the same modules ({@code make-fixtures.py}): a BERT-like text encoder
 * of 5,968 parameters over the testbed's 200 ids, and a frame encoder.
 */
class TorchScriptEncoderTest {
    /** tiny's text: 12 steps, 200 ids. */
    private static final FeatureShape TINY_TEXT = FeatureShape.sequence(12, 200);
    private static final int BERT_PARAMETERS = 5968;

    private final TorchScriptEncoderFactory factory = new TorchScriptEncoderFactory();
    private NDManager manager;
    private Path folder;
    private BuildContext context;

    @TempDir
    Path temporary;

    @BeforeEach
    void setUp() throws URISyntaxException {
        manager = NDManager.newBaseManager();
        folder = Path.of(getClass().getResource("tiny-bert.pt").toURI()).getParent();
        context = new BuildContext() {
            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public Path resolve(String path) {
                return folder.resolve(path);
            }
        };
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Encoder encoder(String file, FeatureShape input, Map<String, Object> more) {
        Map<String, Object> values = new HashMap<>(more);
        values.put("file", file);
        return factory.create(Parameters.of(factory.parameters(), values), input, context);
    }

    /** A training pass, as the trainer makes it: inside a gradient collector. */
    private Features trainingPass(Encoder encoder, Tokens tokens) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            return encoder.forwardTokens(new ParameterStore(manager, false), tokens, new Taps(), true);
        }
    }

    private static Tokens tokens(TorchFixture fixture, NDManager manager) {
        return new Tokens(manager.create(fixture.longs("input"), new Shape(fixture.shape("input"))),
                manager.create(fixture.longs("lengths")));
    }

    @Test
    void theFrozenTextEncoderGivesTorchsOutputsForTokenIdsAndTheirLengths() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "tiny-bert.txt");
        Encoder encoder = encoder("tiny-bert.pt", TINY_TEXT, Map.of());

        Features out = trainingPass(encoder, tokens(fixture, manager));

        assertThat(encoder.output()).isEqualTo(FeatureShape.sequence(12, 16));
        assertThat(out.values().getShape()).isEqualTo(new Shape(fixture.shape("output")));
        assertThat(out.values().toFloatArray()).containsExactly(fixture.floats("output"), within(1e-5f));
        assertThat(out.lengths().toLongArray()).containsExactly(12, 7);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = encoder.forwardTokens(new ParameterStore(manager, false), tokens(fixture, manager),
                    new Taps(), true).values().sum();
            assertThatThrownBy(() -> collector.backward(loss)).as("frozen: no gradient reaches the module")
                    .hasMessageContaining("does not require grad");
        }
        assertThat(encoder.getParameters().size()).as("frozen: none of the model's parameters").isZero();
    }

    @Test
    void theFineTunedTextEncoderGivesTheSameOutputsAndOwnsEveryParameterTypedForWeightDecay() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "tiny-bert.txt");
        Encoder encoder = encoder("tiny-bert.pt", TINY_TEXT, Map.of("trainable", true, "lr", 1e-3,
                "weight-decay", 0.01));

        Features out = trainingPass(encoder, tokens(fixture, manager));

        assertThat(out.values().toFloatArray()).containsExactly(fixture.floats("output"), within(1e-5f));
        long scalars = 0;
        Map<Parameter.Type, Integer> types = new HashMap<>();
        for (Pair<String, Parameter> named : encoder.getParameters()) {
            scalars += named.getValue().getArray().size();
            types.merge(named.getValue().getType(), 1, Integer::sum);
        }
        assertThat(scalars).isEqualTo(BERT_PARAMETERS);
        // 6 Linear layers' and 3 LayerNorms' biases, the 3 LayerNorms' γ, 2 embeddings and 6 Linear matrices.
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of(Parameter.Type.BIAS, 9,
                Parameter.Type.GAMMA, 3, Parameter.Type.WEIGHT, 8));
        assertThat(encoder.getParameters().get("embeddings_LayerNorm.weight").getType())
                .isEqualTo(Parameter.Type.GAMMA);
        assertThat(((OwnOptimizerGroup) encoder).learningRate()).isEqualTo(1e-3);
        assertThat(((OwnOptimizerGroup) encoder).weightDecay()).isEqualTo(0.01);
    }

    /** d(Σ c·y)/dw for one weight of the attention's query, against a central difference through the module. */
    @Test
    void theFineTunedEncodersGradientIsTheFiniteDifferenceOfItsOutput() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "tiny-bert.txt");
        Encoder encoder = encoder("tiny-bert.pt", TINY_TEXT, Map.of("trainable", true));
        Tokens tokens = tokens(fixture, manager);
        ParameterStore store = new ParameterStore(manager, false);
        NDArray weights = manager.randomNormal(new Shape(2, 12, 16));
        NDArray query = encoder.getParameters().get("query.weight").getArray();

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = encoder.forwardTokens(store, tokens, new Taps(), true).values().mul(weights).sum();
            collector.backward(loss);
        }
        float analytic = query.getGradient().getFloat(3, 5);
        double h = 1e-2;
        double plus = lossWith(encoder, query, h, tokens, store, weights);
        double minus = lossWith(encoder, query, -h, tokens, store, weights);

        assertThat(analytic).isNotZero();
        assertThat((double) analytic).isCloseTo((plus - minus) / (2 * h), within(2e-3 * Math.max(1, Math.abs(analytic))));
    }

    private static double lossWith(Encoder encoder, NDArray query, double shift, Tokens tokens, ParameterStore store,
                                   NDArray weights) {
        float original = query.getFloat(3, 5);
        query.set(new ai.djl.ndarray.index.NDIndex(3, 5), original + shift);
        double loss = encoder.forwardTokens(store, tokens, new Taps(), false).values().mul(weights).sum().getFloat();
        // (evaluation passes: the same function, the tiny module has no dropout)
        query.set(new ai.djl.ndarray.index.NDIndex(3, 5), original);
        return loss;
    }

    @Test
    void theFrameEncoderGivesTorchsOutputsForFramesAndTheirMask() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "tiny-frames.txt");
        Encoder encoder = encoder("tiny-frames.pt", FeatureShape.sequence(4, 6), Map.of("input", "frames"));
        Features input = Features.sequence(fixture.array(manager, "input"), manager.create(fixture.longs("lengths")));

        Features out = encoder.forward(new ParameterStore(manager, false), input, new Taps(), false);

        assertThat(encoder.output()).isEqualTo(FeatureShape.sequence(4, 5));
        assertThat(out.values().toFloatArray()).containsExactly(fixture.floats("output"), within(1e-5f));
        assertThat(out.lengths()).isSameAs(input.lengths());
    }

    @Test
    void onlyTheTokenIdInputReadsTokenIds() {
        assertThat(factory.readsTokenIds(Parameters.of(factory.parameters(), Map.of("file", "x.pt")))).isTrue();
        assertThat(factory.readsTokenIds(Parameters.of(factory.parameters(), Map.of("file", "x.pt",
                "input", "frames")))).isFalse();
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        assertThatThrownBy(() -> encoder("absent.pt", TINY_TEXT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file " + folder.resolve("absent.pt") + " does not exist; it should be a TorchScript "
                        + "module saved by torch.jit.save");
    }

    @Test
    void aFileThatIsNoTorchScriptModuleIsRefusedNamingItWithoutEchoingIt() throws IOException {
        Path garbage = Files.writeString(temporary.resolve("notes.pt"), "SECRET-CONTENT ".repeat(100));

        assertThatThrownBy(() -> encoder(garbage.toString(), TINY_TEXT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file " + garbage + " is not a TorchScript module that PyTorch can load "
                        + "(torch.jit.save writes one): ")
                .message().doesNotContain("SECRET");
    }

    @Test
    void aModuleReturningPooledVectorsIsRefusedNamingTheRankItReturned() {
        assertThatThrownBy(() -> encoder("pooled-bert.pt", TINY_TEXT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("file " + folder.resolve("pooled-bert.pt") + ": the module returned (1, 16) for a batch "
                        + "of one of token ids [B, 12] in [0, 200); token features [B, 12, D] were expected (rank "
                        + "3, the time axis kept)");
    }

    @Test
    void aVocabularyLargerThanTheModulesEmbeddingIsRefusedAtBuild() {
        assertThatThrownBy(() -> encoder("tiny-bert.pt", FeatureShape.sequence(12, 500), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file " + folder.resolve("tiny-bert.pt") + ": the module failed on token ids "
                        + "[B, 12] in [0, 500) with an attention mask [B, 12] (int64): ");
    }

    @Test
    void framesOfTheWrongWidthAreRefusedAtBuild() {
        assertThatThrownBy(() -> encoder("tiny-frames.pt", FeatureShape.sequence(4, 7), Map.of("input", "frames")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file " + folder.resolve("tiny-frames.pt") + ": the module failed on frames "
                        + "[B, 4, 7] with an attention mask [B, 4] (int64): ");
    }
}
