package io.mosaic.api.debias;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;

/** Creates debiasers; register implementations with {@code @MosaicComponent(kind = DEBIASER, ...)}. */
public interface DebiaserFactory extends ComponentFactory {

    /** @throws IllegalArgumentException when the debiaser cannot work on {@code data} (no token ids, say) */
    Debiaser create(Parameters parameters, DataSpec data, BuildContext context);
}
