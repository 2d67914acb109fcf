package io.mosaic.api.protocol;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;

/** Creates missing-modality protocols; register implementations with {@code @MosaicComponent(kind = PROTOCOL, ...)}. */
public interface ProtocolFactory extends ComponentFactory {

    /**
     * @throws IllegalArgumentException when the protocol does not fit the data (a temporal protocol on unaligned
     *                                  data, say), naming what it needs
     */
    MissingProtocol create(Parameters parameters, DataSpec data);
}
