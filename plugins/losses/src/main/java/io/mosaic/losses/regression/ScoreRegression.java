package io.mosaic.losses.regression;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import java.util.Set;

/**
 * A regression loss between a tap of predicted scores, [B, 1] or [B], and the clean batch's sentiment scores [B],
 * averaged over the batch. It always regresses on the score, whatever the task.
 */
final class ScoreRegression implements Objective {
    private final String name;
    private final String tap;
    private final Loss loss;

    /** @param loss a DJL loss that averages an elementwise penalty of (score − prediction) */
    ScoreRegression(String name, String tap, Loss loss) {
        this.name = name;
        this.tap = tap;
        this.loss = loss;
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
        return loss.evaluate(new NDList(scores), new NDList(predicted));
    }
}
