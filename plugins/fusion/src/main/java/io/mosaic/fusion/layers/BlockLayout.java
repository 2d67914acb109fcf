package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How named sequence inputs ("blocks") [B, T_m, D] of one width are laid one after the other along time into a
 * sequence [B, ΣT_m, D]: block m occupies the positions {@code offset(m) .. offset(m) + steps(m) - 1}.
 */
public final class BlockLayout {
    private final List<String> names;
    private final int[] steps;
    private final int[] offsets;
    private final int dim;

    private BlockLayout(List<String> names, int[] steps, int dim) {
        this.names = List.copyOf(names);
        this.steps = steps.clone();
        this.offsets = new int[steps.length];
        for (int m = 1; m < steps.length; m++) {
            offsets[m] = offsets[m - 1] + steps[m - 1];
        }
        this.dim = dim;
    }

    /**
     * @param component the fusion's name, for messages
     * @param inputs    the blocks in input order
     * @throws IllegalArgumentException for no input, a pooled input, or inputs of different widths
     */
    public static BlockLayout of(String component, Map<String, FeatureShape> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(component + " needs at least one sequence input, found none");
        }
        List<String> names = new ArrayList<>(inputs.keySet());
        int[] steps = new int[names.size()];
        for (int m = 0; m < steps.length; m++) {
            FeatureShape shape = inputs.get(names.get(m));
            if (!shape.isSequence()) {
                throw new IllegalArgumentException(component + " joins sequences along time, but input '"
                        + names.get(m) + "' is a pooled vector " + shape + "; place " + component
                        + " before any pooling encoder");
            }
            steps[m] = shape.steps();
        }
        int dim = inputs.get(names.get(0)).dim();
        if (inputs.values().stream().anyMatch(shape -> shape.dim() != dim)) {
            throw new IllegalArgumentException(component + " needs inputs of one width, found " + inputs
                    + "; project them to one width first (pointwise-projection)");
        }
        return new BlockLayout(names, steps, dim);
    }

    public int blocks() {
        return names.size();
    }

    public String name(int block) {
        return names.get(block);
    }

    public int steps(int block) {
        return steps[block];
    }

    public int offset(int block) {
        return offsets[block];
    }

    /** ΣT_m, the length of the joined sequence. */
    public int total() {
        return offsets[offsets.length - 1] + steps[steps.length - 1];
    }

    public int dim() {
        return dim;
    }

    /**
     * The blocks joined along time in layout order: values [B, ΣT, D] and the mask [B, ΣT] that is true before each
     * block's own length.
     *
     * @throws IllegalArgumentException when a block is missing or its shape is not the one the layout was built for
     */
    public Joined join(Map<String, Features> inputs) {
        NDList values = new NDList(names.size());
        NDList masks = new NDList(names.size());
        for (int m = 0; m < names.size(); m++) {
            Features block = inputs.get(names.get(m));
            if (block == null || !block.isSequence()) {
                throw new IllegalArgumentException("expected a sequence input '" + names.get(m) + "' among "
                        + inputs.keySet());
            }
            Shape shape = block.values().getShape();
            if (shape.get(1) != steps[m] || shape.get(2) != dim) {
                throw new IllegalArgumentException("input '" + names.get(m) + "' was declared [B, " + steps[m]
                        + ", " + dim + "], found " + shape);
            }
            values.add(block.values());
            masks.add(block.mask());
        }
        return new Joined(Concatenation.of(values, 1), Concatenation.of(masks, 1));
    }

    /**
     * @param values [B, ΣT, D]
     * @param valid  [B, ΣT] boolean, false at each block's padding
     */
    public record Joined(NDArray values, NDArray valid) {
    }
}
