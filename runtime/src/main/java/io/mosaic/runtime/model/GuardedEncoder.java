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
import java.util.stream.IntStream;

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
        return checked(input, result, taps, mark);
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

    @Override
    public Object jointKey() {
        return encoder.jointKey();
    }

    /**
     * The members' components run jointly, what they create released as one forward pass's, each result checked
     * against its member's declared output. A joint pass that throws (an exception or an error such as a missing
     * class) runs again one member at a time, so that the member that fails is the one blamed.
     */
    @Override
    public List<Features> forwardJointly(ParameterStore parameters, List<Encoder> members, List<Features> inputs,
                                         boolean training) {
        List<GuardedEncoder> guarded = members.stream().map(GuardedEncoder.class::cast).toList();
        List<Encoder> components = guarded.stream().map(member -> member.encoder).toList();
        List<Features> results;
        try {
            results = Temporaries.released(() -> encoder.forwardJointly(parameters, components, inputs, training),
                    joint -> joint.stream().flatMap(result -> Temporaries.of(result).stream()).toList());
        } catch (RuntimeException | Error jointFailure) {
            return IntStream.range(0, guarded.size())
                    .mapToObj(i -> guarded.get(i).forward(parameters, inputs.get(i), new Taps(), training)).toList();
        }
        return IntStream.range(0, guarded.size())
                .mapToObj(i -> guarded.get(i).checked(inputs.get(i), results.get(i), new Taps(), 0)).toList();
    }

    /**
     * {@code result} of this component's forward pass over {@code input}, once its shape is the declared one and,
     * while a pass is diagnosed, it and the taps recorded since {@code mark} are finite where the input is.
     */
    private Features checked(Features input, Features result, Taps taps, int mark) {
        guard.expectShape("returned", result.values(), ForwardGuard.batched(output, input.values().getShape().get(0)),
                declared);
        guard.expectFinite(List.of(input.values()), List.of(result.values()), taps, mark);
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
