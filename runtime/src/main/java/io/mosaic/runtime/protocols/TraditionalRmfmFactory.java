package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** {@code rmfm-traditional}: random feature missing with an independent mask, and optionally a rate, per modality. */
public final class TraditionalRmfmFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "rmfm-traditional";
    /** The value of a rate parameter that means "the rate given". */
    private static final double GIVEN = -1.0;
    private static final ParameterSchema SCHEMA = schema();

    @Override
    public String description() {
        return "Removes the positions of each modality with its own independent mask, at the rate given or at a "
                + "fixed rate per modality (CIDer's traditional RMFM).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        Set<Modality> modalities = ProtocolParameters.modalities(parameters, ProtocolParameters.MODALITIES, NAME,
                data);
        Map<Modality, Double> fixedRates = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            String name = rateParameter(modality);
            double rate = parameters.real(name);
            if (rate == GIVEN) {
                continue;
            }
            if (rate < 0) {
                throw new IllegalArgumentException(NAME + ": parameter '" + name + "' is -1 (the rate given) or a "
                        + "rate in [0, 1], found " + rate);
            }
            if (!modalities.contains(modality)) {
                throw new IllegalArgumentException(NAME + ": parameter '" + name + "' fixes a rate for "
                        + modality.id() + ", which parameter '" + ProtocolParameters.MODALITIES + "' leaves out");
            }
            fixedRates.put(modality, rate);
        }
        return new PerModalityFrameMissing(modalities, fixedRates);
    }

    private static String rateParameter(Modality modality) {
        return modality.id() + "-rate";
    }

    private static ParameterSchema schema() {
        ParameterSchema.Builder builder = ProtocolParameters.touched(ParameterSchema.builder());
        for (Modality modality : Modality.values()) {
            builder.real(rateParameter(modality), GIVEN, GIVEN, 1.0, "A fixed missing rate for " + modality.id()
                    + " in [0, 1], or -1 for the rate given.");
        }
        return builder.build();
    }
}
