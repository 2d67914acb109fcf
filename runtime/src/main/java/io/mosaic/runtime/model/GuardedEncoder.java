package io.mosaic.runtime.model;

import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Temporaries;
import io.mosaic.api.model.Tokens;
import java.util.List;

/** A component's encoder as the model runs it: the same computation, with its failures attributed to it. */
final class GuardedEncoder extends Encoder {
    private final Encoder encoder;
    private final FeatureShape output;
    private final String declared;
    private final ForwardGuard guard;

    GuardedEncoder(Encoder encoder, ForwardGuard guard) {
        this.encoder = child("component", encoder);
        this.output = encoder.output();
        this.declared = "its declared output " + output;
        this.guard = guard;
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        int mark = guard.mark(taps);
        Features result = guard.call(() -> encoder.forward(parameters, input, taps, training), Temporaries::of);
        guard.expectShape("returned", result.values(),
                ForwardGuard.batched(output, input.values().getShape().get(0)), declared);
        guard.expectFinite(List.of(input.values()), List.of(result.values()), taps, mark);
        return result;
    }

    @Override
    public Features forwardTokens(ParameterStore parameters, Tokens tokens, Taps taps, boolean training) {
        int mark = guard.mark(taps);
        Features result = guard.call(() -> encoder.forwardTokens(parameters, tokens, taps, training),
                Temporaries::of);
        guard.expectShape("returned", result.values(), ForwardGuard.batched(output, tokens.ids().getShape().get(0)),
                declared);
        guard.expectFinite(List.of(), List.of(result.values()), taps, mark);
        return result;
    }

    /** The failure of this component's forward pass: {@code failure} says what it did. */
    ComponentFailureException failure(String failure) {
        return guard.failure(failure);
    }

    /** The component's parameters under the names they have without the guard, which checkpoints use. */
    @Override
    public ParameterList getParameters() {
        return encoder.getParameters();
    }
}
