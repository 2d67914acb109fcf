package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;

/** {@code tmfm}: temporal feature missing on word-aligned data, whole time steps removed at rate r. */
public final class TmfmFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "tmfm";
    private static final ParameterSchema SCHEMA = ProtocolParameters.touched(ParameterSchema.builder()).build();

    @Override
    public String description() {
        return "Removes each time step of word-aligned data with probability r from all modalities at once "
                + "(CIDer's TMFM).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    /** @throws IllegalArgumentException when the data is not word-aligned */
    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        ProtocolParameters.requireAligned(NAME, data);
        return new TemporalFrameMissing(
                ProtocolParameters.modalities(parameters, ProtocolParameters.MODALITIES, NAME, data));
    }
}
