package io.mosaic.runtime.data;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;

/** A kind of data an assembly can name under {@code data.source} (the testbed, a feature file, ...). */
public interface DataSource {

    /** The name assemblies use. */
    String name();

    String description();

    /** The source's own settings, beside the common {@code task} and {@code seed}. */
    ParameterSchema parameters();

    /**
     * Opens the data. Opening is cheap where the source allows (the testbed computes samples on demand).
     *
     * @throws IllegalArgumentException when the data cannot be opened (a missing or malformed file), naming what
     *                                  was expected
     */
    Dataset open(Parameters parameters, long seed);
}
