package io.mosaic.runtime.encodercache;

import ai.djl.training.ParameterStore;
import ai.djl.nn.ParameterList;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * The first encoder of a chain, frozen and file-backed: its outputs come from its {@link EncoderCaches} when its
 * input is a batch as the runtime made it, and from running it otherwise (a corrupted view, say).
 */
final class CachedEncoder extends Encoder {
    private final Encoder encoder;
    private final String fingerprint;
    private final String place;
    private final EncoderCaches caches;
    private final PassScope scope;

    CachedEncoder(Encoder encoder, String fingerprint, String place, EncoderCaches caches, PassScope scope) {
        this.encoder = child("cached", encoder);
        this.fingerprint = fingerprint;
        this.place = place;
        this.caches = caches;
        this.scope = scope;
    }

    @Override
    public FeatureShape output() {
        return encoder.output();
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        return caches.outputs(this, input).orElseGet(() -> encoder.forward(parameters, input, taps, training));
    }

    /** The encoder's outputs for {@code batch}'s {@code modality} as a cache stores them: an evaluation pass. */
    Features compute(ParameterStore parameters, Batch batch, Modality modality) {
        Features[] outputs = new Features[1];
        scope.during(batch, () -> outputs[0] = encoder.forward(parameters, batch.input(modality), new Taps(), false));
        return outputs[0];
    }

    String fingerprint() {
        return fingerprint;
    }

    /** Where the encoder is, as messages name it ({@code text[0]}). */
    String place() {
        return place;
    }

    /** None: a cached encoder owns no parameter (checked when it is made). */
    @Override
    public ParameterList getParameters() {
        return encoder.getParameters();
    }
}
