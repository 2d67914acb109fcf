package io.mosaic.api.model;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import java.util.Map;

/** Creates fusions; register implementations with {@code @MosaicComponent(kind = FUSION, ...)}. */
public interface FusionFactory extends ComponentFactory {

    /** @param inputs the shapes of the named inputs, in the order the pipeline passes them */
    Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context);
}
