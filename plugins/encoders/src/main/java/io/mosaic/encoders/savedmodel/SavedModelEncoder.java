package io.mosaic.encoders.savedmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.CacheableEncoder;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/**
 * Frames [B, T, D] through a frozen SavedModel signature: to its output [B, T, D'] (the same lengths, positions at or
 * after a sample's length set to zero whatever the model wrote there) or [B, D'] (pooled by the model). The model
 * has no parameters Mosaic trains, and no gradient flows through it.
 */
final class SavedModelEncoder extends Encoder implements CacheableEncoder {
    private final SavedModel model;
    private final FeatureShape output;
    private final String fingerprint;

    /**
     * Probes {@code model} once on a zero input of two steps to learn its output's rank and width.
     *
     * @param fingerprint what identifies the outputs: the folder's content and the signature's names
     */
    SavedModelEncoder(SavedModel model, FeatureShape input, NDManager manager, String fingerprint) {
        this.model = model;
        this.output = probe(model, input, manager);
        this.fingerprint = fingerprint;
    }

    /** Always present: the model is frozen. */
    @Override
    public Optional<String> contentFingerprint() {
        return Optional.of(fingerprint);
    }

    private static FeatureShape probe(SavedModel model, FeatureShape input, NDManager parent) {
        try (NDManager manager = parent.newSubManager()) {
            Features zeros = Features.sequence(manager.zeros(new Shape(1, 2, input.dim())),
                    manager.create(new long[] {2}));
            Shape shape = run(model, zeros, manager).getShape();
            String found = model.describe() + ": output '" + model.names().output() + "' is " + shape
                    + " for frames (1, 2, " + input.dim() + ")";
            if (shape.dimension() == 3 && shape.get(0) == 1 && shape.get(1) == 2) {
                return input.withDim(Math.toIntExact(shape.get(2)));
            }
            if (shape.dimension() == 2 && shape.get(0) == 1) {
                return FeatureShape.vector(Math.toIntExact(shape.get(1)));
            }
            throw new IllegalArgumentException(found + "; expected [B, T, D'] with the input's steps, or [B, D']");
        }
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray values = run(model, input, input.values().getManager());
        if (!output.isSequence()) {
            return Features.pooled(values);
        }
        // where, not a product with the mask: padding becomes +0 whatever the model wrote there (-x * 0 is -0).
        return input.withValuesPaddingZeroed(values);
    }

    /** The signature's output for {@code input}, as an array of {@code manager}. */
    private static NDArray run(SavedModel model, Features input, NDManager manager) {
        SavedModel.Names names = model.names();
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        try {
            feeds.put(names.input(), TensorHandover.toTensorFlow(input.values().toType(DataType.FLOAT32, false)));
            if (!names.lengths().isEmpty()) {
                feeds.put(names.lengths(), TensorHandover.toTensorFlow(input.lengths().toType(
                        auxiliaryType(model), false)));
            }
            if (!names.mask().isEmpty()) {
                feeds.put(names.mask(), TensorHandover.toTensorFlow(input.mask().toType(
                        auxiliaryType(model), false)));
            }
            try (Result result = model.call(feeds)) {
                Tensor out = result.get(names.output()).orElseThrow(() -> new IllegalStateException(
                        model.describe() + " returned no '" + names.output() + "'"));
                return TensorHandover.toDjl(out, manager);
            }
        } finally {
            feeds.values().forEach(Tensor::close);
        }
    }

    private static DataType auxiliaryType(SavedModel model) {
        return switch (model.auxiliaryType()) {
            case DT_INT32 -> DataType.INT32;
            case DT_INT64 -> DataType.INT64;
            default -> DataType.FLOAT32;
        };
    }
}
