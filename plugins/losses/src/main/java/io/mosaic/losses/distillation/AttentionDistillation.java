package io.mosaic.losses.distillation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.objective.Views;

/**
 * The Kullback-Leibler divergence from the student's attention to the teacher's, over taps of attention logits
 * [..., S_q, S_k] (e.g. [B, H, S_q, S_k]). With P = softmax(teacher) and Q = softmax(student) over the key axis,
 * L = (1/N) Σ P (log P − log Q), summed over every element, where N is the number of maps (the product of all axes
 * but the last two, B·H). This is {@code F.kl_div(log_softmax(student), softmax(teacher), reduction='batchmean')} on
 * maps reshaped to (N, S_q, S_k); terms with P = 0 are 0, so keys masked with a large negative logit in both views
 * add nothing.
 */
final class AttentionDistillation extends TapDistillation {
    static final String NAME = "attention-distillation";
    private static final int KEYS = -1;

    AttentionDistillation(ViewPair pair, String tap) {
        super(pair, tap);
    }

    @Override
    public NDArray loss(Views views) {
        ViewPair.TapPair attention = pair.tap(views, tap, NAME);
        Shape shape = attention.student().getShape();
        if (shape.dimension() < 3) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as attention logits with a batch "
                    + "axis, [B, ..., S_q, S_k] such as [B, H, S_q, S_k], found " + shape);
        }
        NDArray teacher = attention.teacher();
        NDArray p = teacher.softmax(KEYS);
        // log P − log Q, then P · (log P − log Q) kept where P > 0 only (xlogy: 0 where P = 0, even where a log is
        // infinite). Each map-sized array is closed as soon as the next exists: at cider's batch 128 one is 46 MB,
        // and autograd keeps what backward needs (log Q, P).
        NDArray logP = teacher.logSoftmax(KEYS);
        NDArray logQ = attention.student().logSoftmax(KEYS);
        NDArray gap = logP.sub(logQ);
        logP.close();
        logQ.close();
        NDArray terms = p.mul(gap);
        gap.close();
        NDArray positive = p.gt(0);
        p.close();
        NDArray kept = NDArrays.where(positive, terms, Scalars.constant(terms, 0));
        positive.close();
        terms.close();
        long maps = shape.slice(0, shape.dimension() - 2).size();
        NDArray total = kept.sum();
        kept.close();
        return Scalars.dividedBy(total, maps);
    }
}
