package io.mosaic.fusion.wsam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.mosaic.api.model.Features;

/**
 * Which (word, frame) pairs take part in the alignment: M[b, i, j] = q[b, i] ∧ c[b, j], the outer product of the
 * query's word mask q and the context's length mask c. With special tokens the text holds [CLS] at position 0 and
 * [SEP] at position n − 1, which are not words: then q[b, i] holds for 1 ≤ i ≤ n_b − 2 only.
 */
final class AlignmentMask {

    private AlignmentMask() {
    }

    /** @return [B, T_q] boolean: the query positions that attend */
    static NDArray words(Features query, boolean specialTokens) {
        if (!specialTokens) {
            return query.mask();
        }
        NDArray positions = positions(query);
        NDArray lengths = query.lengths().toType(DataType.INT64, false).expandDims(1);
        return positions.gte(1).logicalAnd(positions.lt(lengths.sub(1)));
    }

    /** @return [B, T_q, T_k] boolean: M = q cᵀ */
    static NDArray of(Features query, Features context, boolean specialTokens) {
        return words(query, specialTokens).expandDims(2).logicalAnd(context.mask().expandDims(1));
    }

    private static NDArray positions(Features features) {
        long steps = features.values().getShape().get(1);
        return features.values().getManager().arange(steps).toType(DataType.INT64, false).expandDims(0);
    }
}
