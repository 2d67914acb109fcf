package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;

/** The position-wise feed-forward block fc2(dropout(ReLU(fc1(x)))), D → hidden → D (hidden = 4D by default). */
public final class FeedForward extends Module {
    private final Linear fc1;
    private final Linear fc2;
    private final float dropout;

    /** @param dropout the rate applied after the ReLU in training passes */
    public FeedForward(int dim, double dropout, BuildContext context) {
        this(dim, 4 * dim, dropout, context);
    }

    /** @param hidden the width of the hidden layer (torch's dim_feedforward) */
    public FeedForward(int dim, int hidden, double dropout, BuildContext context) {
        this.fc1 = child("fc1", Linears.xavier(hidden), context, new Shape(1, dim));
        this.fc2 = child("fc2", Linears.xavier(dim), context, new Shape(1, hidden));
        this.dropout = (float) dropout;
    }

    public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
        NDArray hidden = Activation.relu(fc1.forward(parameters, new NDList(x), training).singletonOrThrow());
        hidden = Dropout.dropout(hidden, dropout, training).singletonOrThrow();
        return fc2.forward(parameters, new NDList(hidden), training).singletonOrThrow();
    }
}
