package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;

/** {@code rmfm}: random feature missing over all positions of all touched modalities at one rate. */
public final class RmfmFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "rmfm";
    private static final String PER_POSITION = "per-position";
    private static final ParameterSchema SCHEMA = ProtocolParameters.touched(ParameterSchema.builder())
            .bool(PER_POSITION, false, "Train with the reference code's corruption, each position kept iff u > r "
                    + "for its own r ~ U[0, 1) (Bernoulli(1/2) dropout), instead of one rate per sample.")
            .build();

    @Override
    public String description() {
        return "Removes every text token and audio and vision frame independently with probability r, one rate for "
                + "all modalities (CIDer's RMFM); training draws r ~ U[0, 1) per sample.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        return new RandomFrameMissing(
                ProtocolParameters.modalities(parameters, ProtocolParameters.MODALITIES, NAME, data),
                parameters.bool(PER_POSITION));
    }
}
