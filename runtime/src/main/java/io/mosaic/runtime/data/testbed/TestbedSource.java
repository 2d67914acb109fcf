package io.mosaic.runtime.data.testbed;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import java.util.List;

/**
 * The built-in testbed as a data source: {@code data: { source: testbed, preset: meld-like, train-domains: [0, 1, 2],
 * test-domains: [3, 4], unimodal-shift: 0.5 }}. An empty domain list (the default) means every domain of the preset;
 * a unimodal shift of 0 (the default) plants no modality-specific scores, so the preset's data is unchanged.
 */
public final class TestbedSource implements DataSource {
    static final String PRESET = "preset";
    static final String TRAIN_DOMAINS = "train-domains";
    static final String TEST_DOMAINS = "test-domains";
    static final String UNIMODAL_SHIFT = "unimodal-shift";

    private static final ParameterSchema PARAMETERS = ParameterSchema.builder()
            .choice(PRESET, "mosi-like", TestbedConfig.PRESETS, "The testbed's size and shapes.")
            .integers(TRAIN_DOMAINS, List.of(), 0, null, "The source domains train and valid draw from; empty: "
                    + "every domain.")
            .integers(TEST_DOMAINS, List.of(), 0, null, "The target domains test draws from; empty: every domain.")
            .real(UNIMODAL_SHIFT, 0.0, 0.0, Planting.MAX_UNIMODAL_SHIFT, "σ of the modality-specific scores "
                    + "y_s = y + δ_s, δ_s ~ N(0, σ²) per sample and modality, that each modality's cues carry "
                    + "(SIMS-style unimodal labels); 0: every modality carries y.")
            .build();

    @Override
    public String name() {
        return "testbed";
    }

    @Override
    public String description() {
        return "Generated multimodal sentiment data with planted invariant, spurious and biased structure.";
    }

    @Override
    public ParameterSchema parameters() {
        return PARAMETERS;
    }

    /** @throws IllegalArgumentException when a domain list names a domain the preset does not have */
    @Override
    public Dataset open(Parameters parameters, long seed) {
        TestbedConfig preset = TestbedConfig.preset(parameters.string(PRESET));
        DomainSplit every = DomainSplit.all(preset.domains());
        DomainSplit domainSplit = new DomainSplit(
                orElse(parameters.integers(TRAIN_DOMAINS), every.train()),
                orElse(parameters.integers(TEST_DOMAINS), every.test()));
        Planting planting = preset.planting().withUnimodalShift(parameters.real(UNIMODAL_SHIFT));
        return new Testbed(preset.withDomainSplit(domainSplit).withPlanting(planting), seed);
    }

    private static List<Integer> orElse(List<Integer> domains, List<Integer> fallback) {
        return domains.isEmpty() ? fallback : domains;
    }
}
