package io.mosaic.runtime.host;

import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.mmsa.MmsaSource;
import io.mosaic.runtime.data.mmsa.NpzSource;
import io.mosaic.runtime.data.testbed.TestbedSource;
import java.util.List;

/** The data sources the runtime ships. */
public final class DataSources {

    private DataSources() {
    }

    public static List<DataSource> builtIn() {
        return List.of(new TestbedSource(), new MmsaSource(), new NpzSource());
    }
}
