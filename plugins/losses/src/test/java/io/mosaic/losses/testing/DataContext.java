package io.mosaic.losses.testing;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;

/** A build context that carries a data spec, as the runtime's does. */
public record DataContext(NDManager manager, DataSpec data) implements BuildContext {
}
