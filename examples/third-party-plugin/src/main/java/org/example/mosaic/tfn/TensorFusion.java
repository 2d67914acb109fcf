package org.example.mosaic.tfn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import java.util.List;
import java.util.Map;

/**
 * Tensor Fusion (Zadeh et al., 2017, eq. 1): each pooled input h_m [B, d_m] is extended to [h_m; 1], and the fusion
 * tensor is their outer product, flattened to [B, Π (d_m + 1)]. Thanks to the constant 1, it holds every input
 * itself, every product of two and of three. A linear layer with ReLU maps it to the fused representation
 * (the paper's sentiment inference subnetwork starts there).
 */
final class TensorFusion extends Fusion {
    static final String TENSOR_TAP = "tensor";

    private final List<String> order;
    private final Linear layer;
    private final float dropout;
    private final FeatureShape output;

    TensorFusion(List<String> order, List<Integer> widths, int dim, double dropout, BuildContext context) {
        this.order = order;
        this.dropout = (float) dropout;
        this.output = FeatureShape.vector(dim);
        long tensor = 1;
        for (int width : widths) {
            tensor *= width + 1;
        }
        this.layer = child("layer", Linear.builder().setUnits(dim).build(), context, new Shape(1, tensor));
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        NDArray fused = null;
        for (String name : order) {
            Features input = inputs.get(name);
            if (input == null) {
                throw new IllegalArgumentException("tensor-fusion was built for inputs " + order + ", found no '"
                        + name + "' among " + inputs.keySet());
            }
            NDArray h = input.values();
            NDArray extended = h.concat(h.getManager().ones(new Shape(h.getShape().get(0), 1), h.getDataType()), 1);
            fused = fused == null ? extended : outer(fused, extended);
        }
        taps.put(TENSOR_TAP, fused);
        NDArray hidden = Activation.relu(layer.forward(parameters, new NDList(fused), training).singletonOrThrow());
        return Features.pooled(Dropout.dropout(hidden, dropout, training).singletonOrThrow());
    }

    /** The per-sample outer product of [B, p] and [B, q], flattened to [B, p·q] (row-major: a's index first). */
    private static NDArray outer(NDArray a, NDArray b) {
        long batch = a.getShape().get(0);
        return a.expandDims(2).matMul(b.expandDims(1)).reshape(batch, -1);
    }
}
