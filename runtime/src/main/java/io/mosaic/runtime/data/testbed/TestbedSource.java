package io.mosaic.runtime.data.testbed;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;

/** The built-in testbed as a data source: {@code data: { source: testbed, preset: tiny }}. */
public final class TestbedSource implements DataSource {
    private static final ParameterSchema PARAMETERS = ParameterSchema.builder()
            .choice("preset", "mosi-like", TestbedConfig.PRESETS, "The testbed's size and shapes.")
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

    @Override
    public Dataset open(Parameters parameters, long seed) {
        return Testbed.preset(parameters.string("preset"), seed);
    }
}
