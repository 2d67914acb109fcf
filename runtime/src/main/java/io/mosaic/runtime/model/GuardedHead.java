package io.mosaic.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Taps;
import java.util.List;

/** A component's head as the model runs it: the same computation, with its failures attributed to it. */
final class GuardedHead extends Head {
    private final Head head;
    private final int outputs;
    private final String declared;
    private final ForwardGuard guard;

    /** @param outputs the width of the outputs the head was built for */
    GuardedHead(Head head, int outputs, ForwardGuard guard) {
        this.head = child("component", head);
        this.outputs = outputs;
        this.declared = outputs + " outputs per sample";
        this.guard = guard;
    }

    @Override
    public NDArray forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        int mark = guard.mark(taps);
        NDArray result = guard.call(() -> head.forward(parameters, input, taps, training), List::of);
        guard.expectShape("returned", result, new Shape(input.values().getShape().get(0), outputs), declared);
        guard.expectFinite(List.of(input.values()), List.of(result), taps, mark);
        return result;
    }

    /** The component's parameters under the names they have without the guard, which checkpoints use. */
    @Override
    public ParameterList getParameters() {
        return head.getParameters();
    }
}
