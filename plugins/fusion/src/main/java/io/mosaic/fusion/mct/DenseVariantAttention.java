package io.mosaic.fusion.mct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import io.mosaic.api.model.JavaData;
import io.mosaic.api.model.Temporaries;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.QkvProjection;

/**
 * The reference's way: every variant over the whole ΣT × ΣT logits. Keys outside S get -1e9 before the softmax;
 * after it, weights are kept only where the query and the key are in S and the key is real; values outside S are
 * zeroed. Attention dropout applies to the full-set variant only.
 */
final class DenseVariantAttention implements VariantAttention {
    private final float dropout;

    DenseVariantAttention(double dropout) {
        this.dropout = (float) dropout;
    }

    @Override
    public NDArray context(Variant variant, QkvProjection.Projected projected, KeyPadding padding,
                           boolean training) {
        return variant.gather(attend(variant, projected, padding, training).context(), 1);
    }

    /** The variant over the whole sequence: weights [B, h, ΣT, ΣT], output [B, ΣT, D] (0 on rows outside S). */
    Weighted attend(Variant variant, QkvProjection.Projected projected, KeyPadding padding, boolean training) {
        NDArray logits = projected.logits();
        long total = logits.getShape().get(3);
        DataType type = logits.getDataType();
        // in libtorch's memory: autograd holds keys and rows after the layer's temporaries are released
        NDArray members = JavaData.array(logits.getManager(), variant.membership(), new Shape(total), type);
        NDArray keys = members.reshape(1, 1, 1, total);
        NDArray rows = members.reshape(1, 1, total, 1);
        NDArray masked = logits.add(keys.sub(1).mul(-KeyPadding.FORBIDDEN));
        // The product with the allowed keys changes nothing where a row has an allowed key (the softmax already
        // gave the others exp(-1e9) = 0) and makes a row without any (a block of length 0) all zero. In an evaluation
        // the products are written into the softmax's [B, h, ΣT, ΣT] array instead of three new ones.
        NDArray weights = Temporaries.times(Temporaries.times(Temporaries.times(masked.softmax(-1), keys),
                padding.valid()), rows);
        if (variant.isFull()) {
            weights = Dropout.dropout(weights, dropout, training).singletonOrThrow();
        }
        NDArray context = QkvProjection.mergeHeads(weights.matMul(projected.v().mul(rows)));
        return new Weighted(weights, context);
    }
}
