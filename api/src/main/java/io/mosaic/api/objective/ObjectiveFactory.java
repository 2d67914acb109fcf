package io.mosaic.api.objective;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;

/**
 * Creates objectives; register implementations with {@code @MosaicComponent(kind = OBJECTIVE, ...)}. A factory
 * overrides one of the two {@code create} methods: the first for an objective without parameters, the second for an
 * {@link ObjectiveModule} that owns trainable parameters (a discriminator, say).
 */
public interface ObjectiveFactory extends ComponentFactory {

    /** @throws IllegalArgumentException when the objective does not fit the data (a class loss on regression, say) */
    default Objective create(Parameters parameters, DataSpec data) {
        throw new UnsupportedOperationException(getClass().getName() + " overrides neither create method");
    }

    /**
     * Creates the objective for a model being built: its parameters, if it has any, live in {@code context}'s
     * manager. The runtime calls this once per model it builds (and once, with a short-lived context, to check an
     * assembly).
     *
     * @throws IllegalArgumentException when the objective does not fit the data
     */
    default Objective create(Parameters parameters, DataSpec data, BuildContext context) {
        return create(parameters, data);
    }
}
