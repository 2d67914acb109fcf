package io.mosaic.losses.regression;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A regression loss between a tap of predicted scores, [B, 1] or [B], and the clean batch's sentiment scores [B],
 * averaged over the batch. It always regresses on the score, whatever the task.
 */
final class ScoreRegression implements Objective {
    private final String name;
    private final String tap;
    private final UnaryOperator<NDArray> penalty;

    /**
     * @param penalty the elementwise penalty of (prediction − score) that is averaged over the batch. DJL's L2Loss is
     *                not used: it multiplies by its weight with {@code mul(Number)}, whose constant autograd reads
     *                after DJL has freed it (see the api's {@code Scalars}).
     */
    ScoreRegression(String name, String tap, UnaryOperator<NDArray> penalty) {
        this.name = name;
        this.tap = tap;
        this.penalty = penalty;
    }

    @Override
    public Set<String> taps() {
        return Set.of(tap);
    }

    @Override
    public NDArray loss(Views views) {
        NDArray scores = views.clean().scores();
        NDArray predictions = views.cleanTaps().get(tap);
        long batch = scores.getShape().get(0);
        Shape shape = predictions.getShape();
        boolean column = shape.equals(new Shape(batch, 1));
        if (!column && !shape.equals(new Shape(batch))) {
            throw new IllegalArgumentException(name + " reads tap '" + tap + "' as predicted scores [" + batch
                    + ", 1] or [" + batch + "] for a batch of " + batch + ", found " + shape);
        }
        NDArray predicted = column ? predictions.squeeze(1) : predictions;
        return penalty.apply(predicted.sub(scores)).mean();
    }
}
