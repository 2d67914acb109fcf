package io.mosaic.fusion.wsam;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import java.util.Map;

/**
 * CIDer's word-level self-aligned attention (WSAM): the words of the text attend to the frames of one other modality,
 * which compresses that modality to the text's positions. With x the text [B, T_q, D], c the context [B, T_k, D] and
 * M the {@linkplain AlignmentMask alignment mask}, per head (of width d = D / h):
 * <pre>
 * Q = x W_qᵀ + b_q,  K = c W_kᵀ + b_k,  V = c W_vᵀ + b_v    one packed in-projection W = [W_q; W_k; W_v] [3D, D]
 * A = softmax(fill(Q Kᵀ / √d, ¬M, −1e9)) ⊙ M                over the frames
 * y = [A_1 V_1, …, A_h V_h] W_oᵀ + b_o                       [B, T_q, D], with the text's lengths
 * </pre>
 * The product with M after the softmax gives the rows of [CLS], [SEP] and padding zero weights, so their output is
 * b_o alone, while each word gets a convex combination of the valid frames.
 */
final class WsamFusion extends Fusion {
    /** The logit of a masked (word, frame) pair: exp(−1e9 − max) underflows to 0. */
    private static final float MASKED_LOGIT = -1e9f;

    private final String query;
    private final String context;
    private final int heads;
    private final float dropout;
    private final boolean specialTokens;
    private final FeatureShape output;
    private final Parameter inProjectionWeight;
    private final Parameter inProjectionBias;
    private final Linear outProjection;

    WsamFusion(String query, String context, FeatureShape queryShape, int heads, double dropout,
               boolean specialTokens, BuildContext build) {
        this.query = query;
        this.context = context;
        this.heads = heads;
        this.dropout = (float) dropout;
        this.specialTokens = specialTokens;
        this.output = queryShape;
        int width = queryShape.dim();
        // torch's MultiheadAttention initialisation: Xavier-uniform W, bound √(6 / (fan_in + fan_out)), and b = 0.
        this.inProjectionWeight = parameter("in_proj_weight", new Shape(3L * width, width),
                new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3),
                build);
        this.inProjectionBias = parameter("in_proj_bias", new Shape(3L * width), new ConstantInitializer(0), build);
        this.outProjection = child("out_proj", Linear.builder().setUnits(width).build(), build,
                new Shape(1, width));
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        Features text = input(inputs, query);
        Features frames = input(inputs, context);
        NDArray mask = AlignmentMask.of(text, frames, specialTokens).expandDims(1);
        // Padding is zeroed first, so that whatever it holds (NaN included) reaches neither the output nor a gradient.
        NDArray x = text.paddingZeroed();
        NDArray c = frames.paddingZeroed();

        Device device = x.getDevice();
        NDArray weight = parameters.getValue(inProjectionWeight, device, training);
        NDArray bias = parameters.getValue(inProjectionBias, device, training);
        NDList weights = weight.split(3, 0);
        NDList biases = bias.split(3, 0);
        NDArray q = split(Linear.linear(x, weights.get(0), biases.get(0)).singletonOrThrow());
        NDArray k = split(Linear.linear(c, weights.get(1), biases.get(1)).singletonOrThrow());
        NDArray v = split(Linear.linear(c, weights.get(2), biases.get(2)).singletonOrThrow());

        // Each [T_q, T_k] intermediate is released as soon as the next exists: autograd keeps what it needs, and the
        // handles would otherwise hold every one of them until the step ends.
        NDArray logits = Scalars.dividedBy(q, Math.sqrt(output.dim() / (double) heads)).matMul(k.transpose(0, 1, 3, 2));
        NDArray allowed = mask.broadcast(logits.getShape());
        NDArray forbidden = logits.getManager().full(logits.getShape(), MASKED_LOGIT, logits.getDataType());
        NDArray filled = NDArrays.where(allowed, logits, forbidden);
        logits.close();
        forbidden.close();
        NDArray probabilities = filled.softmax(-1);
        filled.close();
        NDArray attention = probabilities.mul(allowed.toType(probabilities.getDataType(), false));
        probabilities.close();
        taps.put(WsamFactory.ATTENTION_TAP, attention);

        NDArray attended = (training && dropout > 0 ? Dropout.dropout(attention, dropout, training).singletonOrThrow()
                : attention).matMul(v);
        NDArray merged = attended.transpose(0, 2, 1, 3).reshape(x.getShape());
        return text.withValues(outProjection.forward(parameters, new NDList(merged), training).singletonOrThrow());
    }

    private Features input(Map<String, Features> inputs, String name) {
        Features features = inputs.get(name);
        if (features == null) {
            throw new IllegalArgumentException("wsam was built for inputs [" + query + ", " + context
                    + "], found no '" + name + "' among " + inputs.keySet());
        }
        return features;
    }


    /** [B, T, D] → [B, h, T, D / h]. */
    private NDArray split(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).transpose(0, 2, 1, 3);
    }
}
