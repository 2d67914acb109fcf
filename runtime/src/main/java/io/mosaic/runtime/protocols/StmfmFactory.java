package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;

/** {@code stmfm}: structural temporal feature missing, one contiguous block of time steps of word-aligned data. */
public final class StmfmFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "stmfm";
    private static final ParameterSchema SCHEMA = ProtocolParameters.touched(ParameterSchema.builder()).build();

    @Override
    public String description() {
        return "Removes one contiguous block of round((len - 2) * r) time steps of word-aligned data, at a random "
                + "start, from all modalities at once (CIDer's STMFM).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    /** @throws IllegalArgumentException when the data is not word-aligned */
    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        ProtocolParameters.requireAligned(NAME, data);
        return new BlockTemporalMissing(
                ProtocolParameters.modalities(parameters, ProtocolParameters.MODALITIES, NAME, data));
    }
}
