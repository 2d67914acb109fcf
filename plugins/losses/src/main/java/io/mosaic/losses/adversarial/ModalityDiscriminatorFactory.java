package io.mosaic.losses.adversarial;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.ModalityList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code modality-discriminator}: SATI's adversarial domain loss (eq. 3–5), a discriminator behind a gradient
 * reversal layer that tells the modalities apart from their time-mean codes with an additive angular margin loss.
 * It owns trainable parameters (its hidden layer and W), so it is created with the model's build context.
 */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = ModalityDiscriminator.NAME)
public final class ModalityDiscriminatorFactory implements ObjectiveFactory {
    static final String CODES = "codes";
    static final String WIDTH = "width";
    static final String HIDDEN = "hidden";
    static final String LAMBDA = "lambda";
    static final String DROPOUT = "dropout";
    static final String MARGIN_TYPE = "margin-type";
    static final String SCALE = "scale";
    static final String MARGIN = "margin";
    static final String WEIGHT_PENALTY = "weight-penalty";
    private static final ParameterSchema SCHEMA = ModalityList.declare(ParameterSchema.builder(),
                    "The modalities to tell apart; a modality's label is its position in this list.")
            .strings(CODES, List.of("shared", "private"), "The suffixes of the code taps '<modality>.<code>' "
                    + "([B, T, width] with lengths, or [B, width]); each kind of codes adds its own loss.")
            .integer(WIDTH, 128, 1, null, "H, the width of the codes (SATI: 128).")
            .integer(HIDDEN, 128, 1, null, "The width of the discriminator's hidden layer (SATI: H).")
            .real(LAMBDA, 1.0, 0.0, null, "λ of the gradient reversal: the encoders receive −λ times the "
                    + "discriminator's gradient.")
            .real(DROPOUT, 0.6, 0.0, 0.99, "The dropout rate after the hidden layer's ReLU.")
            .choice(MARGIN_TYPE, MarginType.ANGULAR.id(), Arrays.stream(MarginType.values()).map(MarginType::id)
                    .toList(), "angular: the paper's cos(θ + τ); cosine: the official code's cos θ − m.")
            .real(SCALE, 30.0, 0.0, null, "α, the scale of the cosine logits.")
            .real(MARGIN, 0.5, 0.0, Math.PI, "τ (angular, radians) or m (cosine).")
            .real(WEIGHT_PENALTY, 0.0, 0.0, null, "The weight of ‖W‖²_F added to each kind of codes' loss (the "
                    + "official code: 0.01).")
            .build();

    @Override
    public String description() {
        return "A modality discriminator behind gradient reversal on the time-means of the shared and private codes, "
                + "trained with an additive angular (or cosine) margin loss.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data, BuildContext context) {
        List<String> codes = parameters.strings(CODES);
        if (codes.isEmpty() || new HashSet<>(codes).size() != codes.size()) {
            throw new ParameterException(CODES, "names one or more distinct code taps, found " + codes);
        }
        ModalityDiscriminator.Settings settings = new ModalityDiscriminator.Settings(parameters.real(LAMBDA),
                (float) parameters.real(DROPOUT), MarginType.of(parameters.string(MARGIN_TYPE)),
                parameters.real(MARGIN), parameters.real(SCALE), parameters.real(WEIGHT_PENALTY));
        return new ModalityDiscriminator(ModalityList.of(parameters, data, 2), codes, parameters.integer(WIDTH),
                parameters.integer(HIDDEN), settings, context);
    }
}
