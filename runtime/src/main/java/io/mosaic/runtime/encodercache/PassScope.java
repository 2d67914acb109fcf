package io.mosaic.runtime.encodercache;

import io.mosaic.api.data.Batch;

/**
 * Runs a forward pass with a batch as the pass's batch, as the model's own passes do: an encoder that reads token
 * ids takes them from it, so a cache built outside a training or evaluation pass hands it the batch it encodes.
 */
@FunctionalInterface
public interface PassScope {
    void during(Batch batch, Runnable pass);
}
