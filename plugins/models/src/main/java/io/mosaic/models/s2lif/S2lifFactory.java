package io.mosaic.models.s2lif;

import static io.mosaic.models.support.SlotShapes.requirePooled;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineContext;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Slot;
import io.mosaic.api.model.StagePlan;
import io.mosaic.api.model.Taps;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code s2lif}: S2LIF's two-modality model. Text and vision each go through an encoder chain ending in a pooled
 * vector (the paper: an MLP to a common width, a 1-layer Transformer encoder, the feature mask and token-similarity
 * pooling, eq. 6–15; keyframe masking first on vision, appendix A.1); the first modality's classifier reads its vector
 * alone, the second's reads both (eq. 16); the {@code order} decides which is first and proposes the stages.
 *
 * <p>Taps: {@code text.pooled}, {@code vision.pooled} (x_c'), {@code joint} ([first; second], what the second
 * classifier reads), {@code prediction.text}, {@code prediction.vision} (each classifier's logits) and
 * {@code prediction} (the second classifier's). It has no {@code <m>.sequence}: its chains pool. Audio is not used.
 */
@Component(service = PipelineFactory.class)
@MosaicComponent(kind = ComponentKind.PIPELINE, name = "s2lif")
public final class S2lifFactory implements PipelineFactory {
    static final String ORDER = "order";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .choice(ORDER, Order.TEXT_FIRST.id(), Order.IDS, "The learning order (the paper's Table 5): text-first "
                    + "(T→V: text's chain and classifier train, are frozen, then vision's train), vision-first (V→T) "
                    + "or together (T&V: one stage, L = L_t + L_v). The first modality's classifier reads its own "
                    + "vector, the second's reads both. Applies when the assembly lists no train.stages.")
            .build();

    /** The classifier of a modality: {@code text-head}, {@code vision-head}. */
    static String headSlot(Modality modality) {
        return modality.id() + "-head";
    }

    /** A classifier's logits: {@code prediction.text}, {@code prediction.vision}. */
    static String predictionTap(Modality modality) {
        return PREDICTION_TAP + "." + modality.id();
    }

    @Override
    public String description() {
        return "S2LIF: text and vision encoder chains ending in pooled vectors, a classifier on the first modality "
                + "and one on both (the prediction), trained in the order the 'order' parameter gives (text-first, "
                + "vision-first or together). Its chains pool, so it records no <m>.sequence; audio is not used.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public List<Slot> slots() {
        return List.of(
                Slot.encoderChain(Modality.TEXT.id(), "The text chain, ending in the pooled x_c'_t (S2LIF: "
                        + "pointwise-projection, transformer-encoder, feature-mask, token-similarity-pool)."),
                Slot.encoderChain(Modality.VISION.id(), "The vision chain, ending in the pooled x_c'_v (S2LIF: "
                        + "keyframe-mask, then as text's)."),
                Slot.single(headSlot(Modality.TEXT), ComponentKind.HEAD, "g_t: the text classifier, on x_c'_t when "
                        + "text is first, on [x_c'_v; x_c'_t] when it is second."),
                Slot.single(headSlot(Modality.VISION), ComponentKind.HEAD, "g_v: the vision classifier, on "
                        + "[x_c'_t; x_c'_v] when vision is second (eq. 16), on x_c'_v when it is first."));
    }

    @Override
    public Set<String> taps() {
        return Set.of(PREDICTION_TAP, Taps.JOINT, Taps.pooled(Modality.TEXT.id()), Taps.pooled(Modality.VISION.id()),
                predictionTap(Modality.TEXT), predictionTap(Modality.VISION));
    }

    @Override
    public List<StagePlan> stages(Parameters parameters) {
        return Order.of(parameters.string(ORDER)).stages();
    }

    @Override
    public Network create(Parameters parameters, PipelineContext context) {
        Order order = Order.of(parameters.string(ORDER));
        Encoder first = chain(context, order.first());
        Encoder second = chain(context, order.second());
        int classes = context.data().task().outputs();
        int firstWidth = first.output().dim();
        Head firstHead = context.head(headSlot(order.first()), FeatureShape.vector(firstWidth), classes);
        Head secondHead = context.head(headSlot(order.second()),
                FeatureShape.vector(firstWidth + second.output().dim()), classes);
        return new S2lifNetwork(order, first, second, firstHead, secondHead);
    }

    private static Encoder chain(PipelineContext context, Modality modality) {
        Encoder encoder = context.encoder(modality.id(), context.data().input(modality));
        requirePooled(encoder.output(), modality.id());
        return encoder;
    }
}
