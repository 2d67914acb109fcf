package io.mosaic.runtime.model;

import static io.mosaic.runtime.model.HandMadeModules.guard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderChain;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.runtime.model.HandMadeModules.JointMapping;
import io.mosaic.runtime.model.HandMadeModules.Mapping;
import io.mosaic.runtime.model.HandMadeModules.Pipeline;
import io.mosaic.runtime.model.HandMadeModules.Scale;
import io.mosaic.runtime.model.HandMadeModules.Slice;
import io.mosaic.runtime.model.HandMadeModules.Sum;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guards around components: a healthy pass is exactly the components' own, and what goes wrong is attributed to
 * the innermost component where it happened, with its slot and bundle.
 */
class GuardsTest {
    private static final FeatureShape TEXT = HandMadeModules.TEXT;
    private static final String COMPONENT = "encoder 'faulty' (slot text, bundle io.mosaic.test.faulty 1.2.3)";

    private final NDManager manager = NDManager.newBaseManager();
    private final ParameterStore store = new ParameterStore(manager, false);
    private final ForwardChecks checks = new ForwardChecks();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aHealthyModelComputesExactlyWhatItsComponentsDoWithTheSameParameterNames() {
        Network plain = new Pipeline(new Scale(TEXT, 0.5f, () -> manager), new Sum(FeatureShape.vector(4), null),
                new Slice(2, UnaryOperator.identity()), UnaryOperator.identity());
        Network guarded = guardedPipeline(new Scale(TEXT, 0.5f, () -> manager), null, UnaryOperator.identity(),
                UnaryOperator.identity());

        float[] expected = prediction(plain);
        float[] actual = prediction(guarded);

        // Column d of the prediction is the time mean of 0.5 · x[b, t, d] = 0.5 · (b − 1 + d / 4).
        assertThat(expected).containsExactly(-0.5f, -0.375f, 0f, 0.125f);
        assertThat(actual).containsExactly(expected);
        assertThat(names(guarded)).isEqualTo(names(plain)).containsExactly("01text_weight");
    }

    @Test
    void theGuardHandsOnTheComponentsOwnResult() {
        Batch batch = batch();
        Features own = Features.sequence(batch.input(Modality.TEXT).values().mul(3),
                batch.input(Modality.TEXT).lengths());
        Encoder encoder = new GuardedEncoder(new Mapping(TEXT, input -> own), guardOf("faulty"));

        assertThat(encoder.forward(store, batch.input(Modality.TEXT), new Taps(), true)).isSameAs(own);
    }

    @Test
    void anExceptionInForwardNamesTheComponentItsSlotAndBundleAndKeepsTheCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        Encoder encoder = new GuardedEncoder(new Mapping(TEXT, input -> {
            throw boom;
        }), guardOf("faulty"));

        assertThatThrownBy(() -> encoder.forward(store, batch().input(Modality.TEXT), new Taps(), true))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(COMPONENT + " failed in forward: java.lang.IllegalStateException: boom")
                .hasCause(boom)
                .satisfies(e -> assertThat(((ComponentFailureException) e).component().slot()).contains("text"));
    }

    @Test
    void anErrorSuchAsAMissingClassIsAttributedToo() {
        Encoder encoder = new GuardedEncoder(new Mapping(TEXT, input -> {
            throw new NoClassDefFoundError("org/example/Missing");
        }), guardOf("faulty"));

        assertThatThrownBy(() -> encoder.forward(store, batch().input(Modality.TEXT), new Taps(), true))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(COMPONENT + " failed in forward: java.lang.NoClassDefFoundError: org/example/Missing")
                .hasCauseInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void aPipelineWhoseFusionFailsIsNotBlamedEvenIfItWrapsTheFailure() {
        Network pipeline = guardedPipeline(new Scale(TEXT, 1f, () -> manager),
                new ArithmeticException("/ by zero"), UnaryOperator.identity(), UnaryOperator.identity());

        assertThatThrownBy(() -> pipeline.forward(store, batch(), new Taps(), true))
                .hasMessage("fusion 'sum' (slot fusion, bundle io.mosaic.test.faulty 1.2.3) failed in forward: "
                        + "java.lang.ArithmeticException: / by zero");

        Network wrapping = new GuardedNetwork(new Network() {
            @Override
            public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
                try {
                    pipeline.forward(parameters, batch, taps, training);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the pipeline gave up", e);
                }
            }
        }, 2, HandMadeModules.pipelineGuard("wrapper", checks), new PassBatch());

        assertThatThrownBy(() -> wrapping.forward(store, batch(), new Taps(), true))
                .hasMessageStartingWith("fusion 'sum' (slot fusion, ");
    }

    @Test
    void aSequenceOfTheWrongWidthNamesTheExpectedAndTheFoundShape() {
        Encoder encoder = new GuardedEncoder(new Mapping(TEXT, input -> input.withValues(
                input.values().get(":, :, :3"))), guardOf("faulty"));

        assertThatThrownBy(() -> encoder.forward(store, batch().input(Modality.TEXT), new Taps(), true))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(COMPONENT + " returned a wrong shape in forward: expected (2, 3, 4) for its declared "
                        + "output 3x4, found (2, 3, 3)");
    }

    @Test
    void aVectorWhereASequenceWasDeclaredIsAWrongShape() {
        Encoder encoder = new GuardedEncoder(new Mapping(TEXT, input -> Features.pooled(
                input.values().mean(new int[] {1}))), guardOf("faulty"));

        assertThatThrownBy(() -> encoder.forward(store, batch().input(Modality.TEXT), new Taps(), true))
                .hasMessage(COMPONENT + " returned a wrong shape in forward: expected (2, 3, 4) for its declared "
                        + "output 3x4, found (2, 4)");
    }

    @Test
    void aHeadWithTooFewOutputsAndAPredictionOfTheWrongWidthAreWrongShapes() {
        Network narrowHead = guardedPipeline(new Scale(TEXT, 1f, () -> manager), null,
                prediction -> prediction.get(":, 0"), UnaryOperator.identity());
        Network wrongPrediction = guardedPipeline(new Scale(TEXT, 1f, () -> manager), null,
                UnaryOperator.identity(), prediction -> prediction.get(":, :1"));

        assertThatThrownBy(() -> narrowHead.forward(store, batch(), new Taps(), true))
                .hasMessage("head 'slice' (slot head, bundle io.mosaic.test.faulty 1.2.3) returned a wrong shape in "
                        + "forward: expected (2, 2) for 2 outputs per sample, found (2)");
        assertThatThrownBy(() -> wrongPrediction.forward(store, batch(), new Taps(), true))
                .hasMessage("pipeline 'hand-made' (bundle io.mosaic.test.faulty 1.2.3) recorded the 'prediction' "
                        + "tap with a wrong shape in forward: expected (2, 2) for the task's 2 outputs per sample, "
                        + "found (2, 1)");
    }

    @Test
    void aPipelineThatRecordsNoPredictionAndAnEncoderThatReturnsNothingAreNamed() {
        Network silent = new GuardedNetwork(new Network() {
            @Override
            public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
                taps.put("joint", batch.input(Modality.TEXT).values());
            }
        }, 2, HandMadeModules.pipelineGuard("silent", checks), new PassBatch());
        Encoder empty = new GuardedEncoder(new Mapping(TEXT, input -> null), guardOf("faulty"));

        assertThatThrownBy(() -> silent.forward(store, batch(), new Taps(), true))
                .hasMessage("pipeline 'silent' (bundle io.mosaic.test.faulty 1.2.3) recorded no 'prediction' tap in "
                        + "forward");
        assertThatThrownBy(() -> empty.forward(store, batch().input(Modality.TEXT), new Taps(), true))
                .hasMessage(COMPONENT + " returned null from forward");
    }

    @Test
    void aChainOfGuardedEncodersNamesItsParametersAsTheBareChainDoes() {
        Encoder bare = new EncoderChain(List.of(new Scale(TEXT, 1f, () -> manager),
                new Scale(TEXT, 1f, () -> manager)));
        Encoder guarded = new EncoderChain(List.of(new GuardedEncoder(new Scale(TEXT, 1f, () -> manager),
                guardOf("scale")), new GuardedEncoder(new Scale(TEXT, 1f, () -> manager), guardOf("scale"))));

        assertThat(guarded.getParameters().keys()).isEqualTo(bare.getParameters().keys())
                .containsExactly("010_weight", "021_weight");
    }

    @Test
    void guardedEncodersRunJointlyAsTheirComponentsDoAndAFailingMemberIsBlamedAlone() {
        List<String> joint = new ArrayList<>();
        Features input = batch().input(Modality.TEXT);
        Encoder doubling = new GuardedEncoder(new JointMapping(TEXT, x -> x.withValues(x.values().mul(2)),
                joint), guardOf("doubling"));
        Encoder negating = new GuardedEncoder(new JointMapping(TEXT, x -> x.withValues(x.values().neg()),
                joint), guardOf("negating"));

        List<Features> outputs = EncoderChain.forwardEach(store, List.of(doubling, negating),
                List.of(input, input), List.of(new Taps(), new Taps()), false);

        assertThat(joint).containsExactly("pass of 2");
        assertThat(outputs.get(0).values().toFloatArray()).containsExactly(input.values().mul(2).toFloatArray());
        assertThat(outputs.get(1).values().toFloatArray()).containsExactly(input.values().neg().toFloatArray());

        Encoder faulty = new GuardedEncoder(new JointMapping(TEXT, x -> {
            throw new IllegalStateException("boom");
        }, joint), guardOf("faulty"));
        assertThatThrownBy(() -> EncoderChain.forwardEach(store, List.of(doubling, faulty), List.of(input, input),
                List.of(new Taps(), new Taps()), false))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(COMPONENT + " failed in forward: java.lang.IllegalStateException: boom");

        Encoder narrowing = new GuardedEncoder(new JointMapping(TEXT,
                x -> x.withValues(x.values().get(":, :, :3")), joint), guardOf("faulty"));
        assertThatThrownBy(() -> EncoderChain.forwardEach(store, List.of(doubling, narrowing),
                List.of(input, input), List.of(new Taps(), new Taps()), false))
                .hasMessage(COMPONENT + " returned a wrong shape in forward: expected (2, 3, 4) for its declared "
                        + "output 3x4, found (2, 3, 3)");
    }

    private ForwardGuard guardOf(String name) {
        return guard(ComponentKind.ENCODER, name, "text", checks);
    }

    /** The hand-made pipeline with a guard around each component and the pipeline itself. */
    private Network guardedPipeline(Encoder encoder, RuntimeException fusionFailure, UnaryOperator<NDArray> head,
                                    UnaryOperator<NDArray> finish) {
        return HandMadeModules.guardedPipeline(new GuardedEncoder(encoder, guard(ComponentKind.ENCODER, "scale",
                "text", checks)), new Sum(FeatureShape.vector(4), fusionFailure), new Slice(2, head), finish, checks);
    }

    private float[] prediction(Network network) {
        Taps taps = new Taps();
        network.forward(store, batch(), taps, true);
        return taps.get(PipelineFactory.PREDICTION_TAP).toFloatArray();
    }

    private static List<String> names(Network network) {
        return network.getParameters().stream().map(Pair::getKey).toList();
    }

    private Batch batch() {
        return HandMadeModules.batch(manager);
    }
}
