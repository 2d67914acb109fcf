package io.mosaic.fusion.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Taps;
import java.util.List;
import java.util.function.Supplier;

/**
 * A multilayer perceptron: for each hidden width h_i, Linear(h_i) → activation → Dropout(p); then Linear(outputs).
 * Without hidden widths it is a single linear layer. Dropout is active only in training passes.
 */
final class MlpHead extends Head {
    private final SequentialBlock layers;

    MlpHead(int inputs, List<Integer> hidden, Supplier<Block> activation, double dropout, int outputs,
            BuildContext context) {
        SequentialBlock block = new SequentialBlock();
        for (int width : hidden) {
            block.add(Linear.builder().setUnits(width).build())
                    .add(activation.get())
                    .add(Dropout.builder().optRate((float) dropout).build());
        }
        block.add(Linear.builder().setUnits(outputs).build());
        this.layers = child("layers", block, context, new Shape(1, inputs));
    }

    @Override
    public NDArray forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        return layers.forward(parameters, new NDList(input.values()), training).singletonOrThrow();
    }
}
