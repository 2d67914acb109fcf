package io.mosaic.losses.classification;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import java.util.Set;

/**
 * The mean negative log-likelihood of the clean batch's class labels under the softmax of a tap of logits [B, C]:
 * −(1/B) Σ_b log softmax(z_b)[y_b]. Its gradient with respect to the logits is (softmax(z) − onehot(y)) / B.
 */
final class CrossEntropy implements Objective {
    private final String tap;
    private final int classes;
    private final SoftmaxCrossEntropyLoss loss =
            new SoftmaxCrossEntropyLoss("cross-entropy", 1, -1, true, true);

    CrossEntropy(String tap, int classes) {
        this.tap = tap;
        this.classes = classes;
    }

    @Override
    public Set<String> taps() {
        return Set.of(tap);
    }

    @Override
    public NDArray loss(Views views) {
        NDArray labels = views.clean().labels();
        NDArray logits = views.cleanTaps().get(tap);
        Shape expected = new Shape(labels.getShape().get(0), classes);
        if (!logits.getShape().equals(expected)) {
            throw new IllegalArgumentException("cross-entropy reads tap '" + tap + "' as logits " + expected
                    + " (batch x the task's " + classes + " classes), found " + logits.getShape());
        }
        return loss.evaluate(new NDList(labels), new NDList(logits));
    }
}
