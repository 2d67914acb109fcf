package io.mosaic.api.model;

import ai.djl.training.ParameterStore;
import java.util.List;

/** Maps features to features: a projection, a recurrent or attention encoder, a pooling. */
public abstract class Encoder extends Module {

    /** The shape of what {@link #forward} returns. */
    public abstract FeatureShape output();

    /**
     * @param taps     where the encoder may record intermediate tensors (already scoped to its slot)
     * @param training whether this is a training pass (dropout on, statistics updated)
     */
    public abstract Features forward(ParameterStore parameters, Features input, Taps taps, boolean training);

    /**
     * Maps the text's token ids to features: how the runtime calls an encoder whose factory reads token ids
     * ({@link EncoderFactory#readsTokenIds}), in place of {@link #forward}, when the chain it heads is handed the
     * batch's text. An encoder that reads features does not override this.
     *
     * @param tokens   the ids [B, T] with the text's true lengths
     * @param taps     where the encoder may record intermediate tensors (already scoped to its slot)
     * @param training whether this is a training pass
     * @return features [B, T, D] with the same lengths
     */
    public Features forwardTokens(ParameterStore parameters, Tokens tokens, Taps taps, boolean training) {
        throw new UnsupportedOperationException(getClass().getName() + " reads features, not token ids");
    }

    /**
     * What encoders must share to run jointly ({@link #forwardJointly}): encoders of several modalities with equal
     * keys, at the same place of their chains, may run as one ({@link EncoderChain#forwardEach}). Null, the default,
     * when this encoder always runs alone. An encoder that records taps returns null.
     */
    public Object jointKey() {
        return null;
    }

    /**
     * Runs each of {@code members} (this encoder among them, every one with this encoder's {@link #jointKey}) over its
     * own input at once, in fewer engine calls than one forward each; result i equals
     * {@code members.get(i).forward(inputs.get(i))} up to float rounding. Called only when {@link #jointKey} is not
     * null.
     */
    public List<Features> forwardJointly(ParameterStore parameters, List<Encoder> members, List<Features> inputs,
                                         boolean training) {
        throw new UnsupportedOperationException(getClass().getName() + " does not run jointly");
    }
}
