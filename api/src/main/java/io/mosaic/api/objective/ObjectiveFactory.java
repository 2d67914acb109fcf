package io.mosaic.api.objective;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;

/** Creates objectives; register implementations with {@code @MosaicComponent(kind = OBJECTIVE, ...)}. */
public interface ObjectiveFactory extends ComponentFactory {

    /** @throws IllegalArgumentException when the objective does not fit the data (a class loss on regression, say) */
    Objective create(Parameters parameters, DataSpec data);
}
