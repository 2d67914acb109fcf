package io.mosaic.api.model;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;

/** Creates heads; register implementations with {@code @MosaicComponent(kind = HEAD, ...)}. */
public interface HeadFactory extends ComponentFactory {

    /** @param outputs how many numbers per sample the head produces (set by the pipeline from the task) */
    Head create(Parameters parameters, FeatureShape input, int outputs, BuildContext context);
}
