package io.mosaic.fusion.crossmodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.PreNormEncoder;
import io.mosaic.fusion.layers.SelfAttention;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * MulT's fusion (Tsai et al., 2019, §3.2–3.3): for each target modality α, the crossmodal transformers from every
 * other modality β in input order, their outputs concatenated along features, Z_α = [Z_{β1→α}; Z_{β2→α}; …]
 * [B, T_α, (M − 1)·D], then a self-attention Transformer over Z_α (the official code's "memory": x·√D' + pe,
 * pre-LN layers, a final LayerNorm). The targets' sequences are returned one after the other along time in input
 * order, [B, ΣT_α, (M − 1)·D], every sample with length ΣT_α; a pipeline splits them by the inputs' steps.
 *
 * <p>Every input's padding is zeroed first, masked as keys everywhere, and its output steps are 0, so what padding
 * holds changes nothing. With {@code reference-quirks} padding is attended and output as in the official code.
 */
final class CrossmodalFusion extends Fusion {
    private final BlockLayout layout;
    private final Map<String, Map<String, CrossmodalTransformer>> streams;
    private final Map<String, PreNormEncoder> memories;
    private final ScaledPositions memoryPositions;
    private final CrossmodalSettings settings;

    /**
     * @param streams  per target, its crossmodal transformer from each source, in input order
     * @param memories per target, its self-attention Transformer (built without positions: they are added here)
     */
    CrossmodalFusion(BlockLayout layout, Map<String, Map<String, CrossmodalTransformer>> streams,
                     Map<String, PreNormEncoder> memories, ScaledPositions memoryPositions,
                     CrossmodalSettings settings) {
        this.layout = layout;
        this.streams = streams;
        this.memories = memories;
        this.memoryPositions = memoryPositions;
        this.settings = settings;
        for (int target = 0; target < layout.blocks(); target++) {
            String name = layout.name(target);
            streams.get(name).forEach((source, stream) -> child(CrossmodalFactory.streamName(name, source), stream));
            child(CrossmodalFactory.memoryName(name), memories.get(name));
        }
    }

    @Override
    public FeatureShape output() {
        return FeatureShape.sequence(layout.total(), (layout.blocks() - 1) * layout.dim());
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        Map<String, NDArray> values = new HashMap<>();
        Map<String, NDArray> valid = new HashMap<>();
        for (int block = 0; block < layout.blocks(); block++) {
            String name = layout.name(block);
            Features input = input(inputs, name, block);
            NDArray mask = settings.referenceQuirks() ? everyStep(input.values()) : input.mask();
            valid.put(name, mask);
            values.put(name, Scalars.keepSteps(input.values(), mask));
        }
        NDList fused = new NDList(layout.blocks());
        for (int block = 0; block < layout.blocks(); block++) {
            String target = layout.name(block);
            int steps = layout.steps(block);
            NDList parts = new NDList(layout.blocks() - 1);
            streams.get(target).forEach((source, stream) -> parts.add(stream.forward(parameters, values.get(target),
                    values.get(source), AttentionMask.of(valid.get(source), steps, settings.futureMask(),
                            values.get(source).getDataType()), training)));
            NDArray joined = Concatenation.of(parts, 2);
            SelfAttention.Attended remembered = memories.get(target).forward(parameters,
                    memoryPositions.apply(joined), AttentionMask.of(valid.get(target), steps, settings.futureMask(),
                            joined.getDataType()), training);
            remembered.logits().close();
            fused.add(Scalars.keepSteps(remembered.values(), valid.get(target)));
        }
        NDArray out = Concatenation.of(fused, 1);
        long batch = out.getShape().get(0);
        return Features.sequence(out, out.getManager().full(new Shape(batch), layout.total(), DataType.INT64));
    }

    private Features input(Map<String, Features> inputs, String name, int block) {
        Features features = inputs.get(name);
        if (features == null || !features.isSequence()) {
            List<String> expected = IntStream.range(0, layout.blocks()).mapToObj(layout::name).toList();
            throw new IllegalArgumentException("crossmodal was built for the sequences " + expected
                    + ", found no sequence '" + name + "' among " + inputs.keySet());
        }
        Shape shape = features.values().getShape();
        if (shape.get(1) != layout.steps(block) || shape.get(2) != layout.dim()) {
            throw new IllegalArgumentException("crossmodal input '" + name + "' was declared [B, "
                    + layout.steps(block) + ", " + layout.dim() + "], found " + shape);
        }
        return features;
    }

    /** [B, T] true everywhere: the official code's view of a sequence. */
    private static NDArray everyStep(NDArray values) {
        Shape shape = values.getShape();
        return values.getManager().ones(new Shape(shape.get(0), shape.get(1))).toType(DataType.BOOLEAN, false);
    }
}
