package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;

/**
 * {@code smm}: specific modality missing. Its parameter {@value #MISSING} names the modalities it touches, so it has
 * no separate {@code modalities} parameter.
 */
public final class SmmFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "smm";
    private static final String MISSING = "missing";
    private static final ParameterSchema SCHEMA = ProtocolParameters.modalityList(ParameterSchema.builder(), MISSING,
            null, "The modalities a sample loses, all together.").build();

    @Override
    public String description() {
        return "Removes the named modalities of a sample entirely, together, with probability r; at r = 1 from "
                + "every sample (CIDer's SMM).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        return new SpecificModalityMissing(ProtocolParameters.modalities(parameters, MISSING, NAME, data));
    }
}
