package io.mosaic.runtime.model;

import static io.mosaic.runtime.model.HandMadeModules.TEXT;
import static io.mosaic.runtime.model.HandMadeModules.guard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderChain;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.runtime.model.HandMadeModules.Mapping;
import io.mosaic.runtime.model.HandMadeModules.Recording;
import io.mosaic.runtime.model.HandMadeModules.Scale;
import io.mosaic.runtime.model.HandMadeModules.Slice;
import io.mosaic.runtime.model.HandMadeModules.Sum;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Finding where NaN or infinity comes from: with the checks on, the first component that produces it from finite
 * inputs is blamed, never one that merely passes it on; with the checks off, nothing is read.
 */
class FiniteDiagnosisTest {
    private final NDManager manager = NDManager.newBaseManager();
    private final ParameterStore store = new ParameterStore(manager, false);
    private final ForwardChecks checks = new ForwardChecks();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void withoutTheChecksNaNPassesThroughUnread() {
        Network network = pipeline(textChain(scale(), nanMaker(), scale()), UnaryOperator.identity());
        Taps taps = new Taps();

        network.forward(store, HandMadeModules.batch(manager), taps, true);

        assertThat(taps.get(PipelineFactory.PREDICTION_TAP).toFloatArray()).containsOnly(Float.NaN);
    }

    @Test
    void theFirstComponentToProduceNaNFromFiniteInputsIsBlamedNotThoseDownstream() {
        Network network = pipeline(textChain(scale(), nanMaker(), scale()), UnaryOperator.identity());

        assertThatThrownBy(() -> diagnose(network, HandMadeModules.batch(manager)))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage("encoder 'faulty' (slot text[1], bundle io.mosaic.test.faulty 1.2.3) produced NaN from "
                        + "finite inputs in forward")
                .hasNoCause();
    }

    @Test
    void infinityIsNamedAsSuch() {
        // (2x + 3) · 10³⁸ · 10³⁸ overflows: 2x + 3 is at least −1 and never 0 on the hand-made batch.
        Encoder overflow = new Mapping(TEXT, input -> input.withValues(input.values().add(3).mul(1e38f)
                .mul(1e38f)));
        Network network = pipeline(textChain(scale(), overflow, scale()), UnaryOperator.identity());

        assertThatThrownBy(() -> diagnose(network, HandMadeModules.batch(manager)))
                .hasMessage("encoder 'faulty' (slot text[1], bundle io.mosaic.test.faulty 1.2.3) produced "
                        + "infinity from finite inputs in forward");
    }

    @Test
    void aNonFiniteTapBlamesTheComponentThatRecordedItThoughItsResultIsFinite() {
        Network network = pipeline(textChain(scale(), new Recording(TEXT, Float.POSITIVE_INFINITY), scale()),
                UnaryOperator.identity());

        assertThatThrownBy(() -> diagnose(network, HandMadeModules.batch(manager)))
                .hasMessage("encoder 'faulty' (slot text[1], bundle io.mosaic.test.faulty 1.2.3) produced "
                        + "infinity from finite inputs in forward, in tap 'text.seen'");
    }

    @Test
    void thePipelinesOwnStepIsBlamedWhenEveryComponentIsFinite() {
        // The prediction of the hand-made batch has negative entries, whose logarithm is NaN.
        Network network = pipeline(textChain(scale(), scale(), scale()), NDArray::log);

        assertThatThrownBy(() -> diagnose(network, HandMadeModules.batch(manager)))
                .hasMessage("pipeline 'hand-made' (bundle io.mosaic.test.faulty 1.2.3) produced NaN from finite "
                        + "inputs in forward, in tap 'prediction'");
    }

    @Test
    void nonFiniteDataIsNoComponentsFault() {
        Network network = pipeline(textChain(scale(), scale(), scale()), UnaryOperator.identity());
        NDArray text = HandMadeModules.batch(manager).input(Modality.TEXT).values();
        // x / x: NaN where x is 0, 1 elsewhere.
        Batch poisoned = HandMadeModules.withText(text.div(text));

        Taps taps = diagnose(network, poisoned);

        assertThat(taps.get(PipelineFactory.PREDICTION_TAP).isNaN().any().getBoolean()).isTrue();
    }

    /** Runs {@code network} on {@code batch} with the finiteness checks on, and returns its taps. */
    private Taps diagnose(Network network, Batch batch) {
        return checks.checkingFinite(() -> {
            Taps taps = new Taps();
            network.forward(store, batch, taps, true);
            return taps;
        });
    }

    private Network pipeline(Encoder text, UnaryOperator<NDArray> finish) {
        return HandMadeModules.guardedPipeline(text, new Sum(FeatureShape.vector(4), null),
                new Slice(2, UnaryOperator.identity()), finish, checks);
    }

    /** {@code encoders} as a guarded chain: the middle one is {@code faulty}, the others {@code scale}. */
    private Encoder textChain(Encoder first, Encoder middle, Encoder last) {
        return new EncoderChain(List.of(
                new GuardedEncoder(first, guard(ComponentKind.ENCODER, "scale", "text[0]", checks)),
                new GuardedEncoder(middle, guard(ComponentKind.ENCODER, "faulty", "text[1]", checks)),
                new GuardedEncoder(last, guard(ComponentKind.ENCODER, "scale", "text[2]", checks))));
    }

    private Encoder scale() {
        return new Scale(TEXT, 2f, () -> manager);
    }

    /** 0 · x / 0: NaN wherever x is finite. */
    private static Encoder nanMaker() {
        return new Mapping(TEXT, input -> input.withValues(input.values().mul(0).div(0)));
    }
}
