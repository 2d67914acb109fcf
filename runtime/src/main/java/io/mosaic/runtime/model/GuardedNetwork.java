package io.mosaic.runtime.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import java.util.List;

/**
 * A pipeline's network as the model runs it: the same computation, with the failures of the pipeline's own code
 * attributed to the pipeline (those of its slots' components are attributed to them by their own guards).
 */
final class GuardedNetwork extends Network {
    private static final String PREDICTION = PipelineFactory.PREDICTION_TAP;

    private final Network network;
    private final int outputs;
    private final String declared;
    private final ForwardGuard guard;
    private final PassBatch pass;

    /**
     * @param outputs the width of the task's outputs, which the prediction tap must have
     * @param pass    where the encoder that reads token ids finds the batch of the pass under way
     */
    GuardedNetwork(Network network, int outputs, ForwardGuard guard, PassBatch pass) {
        this.network = child("component", network);
        this.outputs = outputs;
        this.declared = "the task's " + outputs + " outputs per sample";
        this.guard = guard;
        this.pass = pass;
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        int mark = guard.mark(taps);
        pass.during(batch, () -> guard.run(() -> network.forward(parameters, batch, taps, training)));
        if (!taps.has(PREDICTION)) {
            throw guard.failure("recorded no '" + PREDICTION + "' tap in forward");
        }
        guard.expectShape("recorded the '" + PREDICTION + "' tap with", taps.get(PREDICTION),
                new Shape(batch.size(), outputs), declared);
        guard.expectFinite(batch.inputs().values().stream().map(Features::values).toList(), List.of(), taps, mark);
    }

    /** The pipeline's parameters under the names they have without the guard, which checkpoints use. */
    @Override
    public ParameterList getParameters() {
        return network.getParameters();
    }
}
