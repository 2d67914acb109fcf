package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.metrics.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianStopTest {

    @Test
    void theCurveIsTheMedianOfTheRunningBestsOfTheTrialsThatReachedEachEpoch() {
        List<List<Double>> curves = List.of(
                List.of(0.5, 0.7, 0.6, 0.8),
                List.of(0.4, 0.3, 0.9),
                List.of(0.6, 0.65));
        // Running bests (higher is better): [.5 .7 .7 .8], [.4 .4 .9], [.6 .65].
        // Epoch 1: median(.5, .4, .6) = .5; 2: median(.7, .4, .65) = .65; 3: median(.7, .9) = .8; 4: (.8) alone.
        assertThat(MedianStop.medianCurve(curves, 1, Direction.HIGHER_IS_BETTER))
                .containsExactly(0.5, 0.65, 0.8, 0.8);
        assertThat(MedianStop.medianCurve(curves, 2, Direction.HIGHER_IS_BETTER)).containsExactly(0.5, 0.65, 0.8);
        assertThat(MedianStop.medianCurve(curves, 4, Direction.HIGHER_IS_BETTER)).isEmpty();
        // Lower is better (an error): running bests [.5 .5 .5 .5], [.4 .3 .3], [.6 .6].
        assertThat(MedianStop.medianCurve(curves, 3, Direction.LOWER_IS_BETTER)).containsExactly(0.5, 0.5);
    }

    @Test
    void aTrialStopsWhenItsBestIsWorseThanTheMedianAfterTheGracePeriod() {
        MedianStop rule = new MedianStop(List.of(0.5, 0.65, 0.8), 2, Direction.HIGHER_IS_BETTER);

        assertThat(rule.stopsAfter(1, 0.1)).as("epoch 1 is the grace period").isFalse();
        assertThat(rule.stopsAfter(2, 0.6)).as("0.6 < 0.65").isTrue();
        assertThat(rule.stopsAfter(2, 0.65)).as("equal to the median is not worse").isFalse();
        assertThat(rule.stopsAfter(3, 0.81)).isFalse();
        assertThat(rule.stopsAfter(4, 0.0)).as("no completed trial reached epoch 4").isFalse();
        MedianStop error = new MedianStop(List.of(1.0, 0.9), 1, Direction.LOWER_IS_BETTER);
        assertThat(error.stopsAfter(1, 1.1)).isTrue();
        assertThat(error.stopsAfter(2, 0.8)).isFalse();
        assertThat(new MedianStop(List.of(), 1, Direction.LOWER_IS_BETTER).stopsAfter(1, 99)).isFalse();
        assertThatThrownBy(() -> new MedianStop(List.of(), 0, Direction.LOWER_IS_BETTER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
