package io.mosaic.runtime.data.testbed;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import java.util.List;

/**
 * The built-in testbed as a data source: {@code data: { source: testbed, preset: meld-like, train-domains: [0, 1, 2],
 * test-domains: [3, 4] }}. An empty domain list (the default) means every domain of the preset.
 */
public final class TestbedSource implements DataSource {
    static final String PRESET = "preset";
    static final String TRAIN_DOMAINS = "train-domains";
    static final String TEST_DOMAINS = "test-domains";

    private static final ParameterSchema PARAMETERS = ParameterSchema.builder()
            .choice(PRESET, "mosi-like", TestbedConfig.PRESETS, "The testbed's size and shapes.")
            .integers(TRAIN_DOMAINS, List.of(), 0, null, "The source domains train and valid draw from; empty: "
                    + "every domain.")
            .integers(TEST_DOMAINS, List.of(), 0, null, "The target domains test draws from; empty: every domain.")
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
        return new Testbed(preset.withDomainSplit(domainSplit), seed);
    }

    private static List<Integer> orElse(List<Integer> domains, List<Integer> fallback) {
        return domains.isEmpty() ? fallback : domains;
    }
}
