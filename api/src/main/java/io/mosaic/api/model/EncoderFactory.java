package io.mosaic.api.model;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import java.util.Set;

/** Creates encoders; register implementations with {@code @MosaicComponent(kind = ENCODER, ...)}. */
public interface EncoderFactory extends ComponentFactory {

    /**
     * @param input the shape of the features the encoder receives
     * @throws IllegalArgumentException when the encoder cannot take {@code input} (say, pooled features where it
     *                                  needs a sequence); the message says what it expected
     */
    Encoder create(Parameters parameters, FeatureShape input, BuildContext context);

    /**
     * The taps this encoder reads through {@link Taps#local} from an earlier member of its own chain (a pooling that
     * reads the mask before it, say), so that an assembly whose chain lacks them is refused before anything runs.
     */
    default Set<String> chainTaps() {
        return Set.of();
    }

    /**
     * Whether the encoder, with these parameters, reads the text's token ids ({@code Batch.tokenIds()}) instead of
     * the features its pipeline hands its slot. Such an encoder can only be the first of the chain of the slot named
     * {@code text} (the slot every pipeline feeds the batch's text), on data with token ids; an assembly that puts it
     * elsewhere is refused. It is created with {@code input} = T × V (the text's padded length, the data's
     * vocabulary) and called through {@link Encoder#forwardTokens} with the ids and the text's true lengths.
     */
    default boolean readsTokenIds(Parameters parameters) {
        return false;
    }
}
