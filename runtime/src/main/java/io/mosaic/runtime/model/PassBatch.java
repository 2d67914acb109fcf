package io.mosaic.runtime.model;

import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Tokens;
import java.util.function.Function;

/**
 * The batch of the forward pass under way (per thread), so that the encoder heading the {@code text} chain, when it
 * reads token ids, gets the ids of the batch its pipeline is running: the pipeline hands the chain the batch's text
 * frames, and the ids are aligned with them.
 */
final class PassBatch {
    private final ThreadLocal<Batch> current = new ThreadLocal<>();

    /** Runs {@code pass} with {@code batch} as the pass's batch. */
    void during(Batch batch, Runnable pass) {
        Batch outer = current.get();
        current.set(batch);
        try {
            pass.run();
        } finally {
            current.set(outer);
        }
    }

    /**
     * The token ids of the pass's batch with the lengths of {@code text}, which must be that batch's text frames.
     *
     * @param failure the exception for a pass that cannot hand over ids, from what went wrong
     */
    Tokens tokens(Features text, Function<String, RuntimeException> failure) {
        Batch batch = current.get();
        if (batch == null) {
            throw failure.apply("reads token ids, but was called outside a forward pass of the model");
        }
        if (!batch.inputs().containsKey(Modality.TEXT) || batch.input(Modality.TEXT).values() != text.values()) {
            throw failure.apply("reads token ids, so its slot must be handed the batch's text frames as they are; "
                    + "the pipeline handed it other features");
        }
        return new Tokens(batch.tokenIds().orElseThrow(() -> failure.apply("reads token ids, and this batch "
                + "carries none")), text.lengths());
    }
}
