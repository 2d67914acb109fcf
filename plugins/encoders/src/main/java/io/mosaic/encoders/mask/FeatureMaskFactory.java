package io.mosaic.encoders.mask;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** {@code feature-mask}: S2LIF's learnable feature mask m = r ⊙ F(|r| − s) applied to every token (eq. 6–11). */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "feature-mask")
public final class FeatureMaskFactory implements EncoderFactory {
    /** The filtering vector m = r ⊙ q [d]. */
    public static final String MASK_TAP = "mask";
    /** The thresholds s [d], with their gradient: what {@code mask-sparsity} regularises. */
    public static final String THRESHOLD_TAP = "mask.threshold";
    /** The fraction of the d features kept (q = 1), a 0-dim scalar. */
    public static final String KEEP_TAP = "mask.keep";
    static final String INIT_R = "init-r";
    static final String INIT_S = "init-s";
    /** The largest initial |r_i| or |s_i| accepted: far beyond the surrogate's band of width 1. */
    private static final double LIMIT = 1000.0;
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .real(INIT_R, 1.0, -LIMIT, LIMIT, "The initial value of every feature weight r_i (S2LIF: 1, so that "
                    + "m = 1 and the mask starts as the identity with |r| − s = 1 inside the surrogate's band).")
            .real(INIT_S, 0.0, -LIMIT, LIMIT, "The initial value of every threshold s_i (S2LIF and DST: 0, so that "
                    + "every feature with r_i != 0 is kept at the start).")
            .build();

    @Override
    public String description() {
        return "Multiplies every token's features by m = r * step(|r| - s), with trainable weights r and thresholds "
                + "s and eq. 11's surrogate gradient; records m, s and the keep ratio as taps.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Set<String> taps() {
        return Set.of(MASK_TAP, THRESHOLD_TAP, KEEP_TAP);
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        return new FeatureMask(input, parameters.real(INIT_R), parameters.real(INIT_S), context);
    }
}
