package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;

/** {@code rmm}: random modality missing, each touched modality of a sample dropped whole with probability r. */
public final class RmmFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "rmm";
    private static final ParameterSchema SCHEMA = ProtocolParameters.touched(ParameterSchema.builder()).build();

    @Override
    public String description() {
        return "Drops each modality of a sample entirely with probability r, independently, so all can go at once "
                + "(CIDer's RMM).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        return new RandomModalityMissing(
                ProtocolParameters.modalities(parameters, ProtocolParameters.MODALITIES, NAME, data));
    }
}
