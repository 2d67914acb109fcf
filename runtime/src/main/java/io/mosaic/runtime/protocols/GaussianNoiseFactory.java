package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** {@code gaussian-noise}: N(0, σ²) added to the features of the listed modalities, the level being σ. */
public final class GaussianNoiseFactory implements ProtocolFactory {
    /** The protocol's component name. */
    public static final String NAME = "gaussian-noise";
    private static final ParameterSchema SCHEMA = ProtocolParameters.modalityList(ParameterSchema.builder(),
            ProtocolParameters.MODALITIES, Arrays.stream(Modality.values()).map(Modality::id).toList(),
            "The modalities whose features get noise (text: its token features; token ids are never touched).")
            .build();

    @Override
    public String description() {
        return "Adds N(0, σ²) noise to every feature of the listed modalities' frames below their true length, "
                + "removing nothing (SATI's noise robustness study, σ = 0.5); the level is σ, in [0, "
                + GaussianNoise.MAX_SIGMA + "]; training without a fixed level draws σ ~ U[0, 1) per sample.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public MissingProtocol create(Parameters parameters, DataSpec data) {
        Map<Modality, Integer> widths = new EnumMap<>(Modality.class);
        for (Modality modality : ProtocolParameters.modalities(parameters, ProtocolParameters.MODALITIES, NAME,
                data)) {
            widths.put(modality, data.input(modality).dim());
        }
        return new GaussianNoise(widths);
    }
}
