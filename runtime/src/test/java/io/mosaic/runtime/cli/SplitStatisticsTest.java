package io.mosaic.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitStatisticsTest {

    /** Samples with text lengths 3, 5, 4, 4 (of 5 steps) and the given scores; audio and vision of length 1. */
    private static Split split(float... scores) {
        int[] textLengths = {3, 5, 4, 4};
        return new Split() {
            @Override
            public String name() {
                return "four";
            }

            @Override
            public int size() {
                return scores.length;
            }

            @Override
            public Sample sample(int index) {
                Frames one = new Frames(new float[2], 1, 2, 1);
                return new Sample("s" + index, scores[index], 0, null, Map.of(Modality.TEXT,
                        new Frames(new float[5], 5, 1, textLengths[index]), Modality.AUDIO, one, Modality.VISION, one));
            }
        };
    }

    @Test
    void summarisesLengthsAndScores() {
        SplitStatistics statistics = SplitStatistics.of(split(-3.4f, -0.5f, 0.5f, 2.5f));

        assertThat(statistics.lengths(Modality.TEXT).min()).isEqualTo(3);
        assertThat(statistics.lengths(Modality.TEXT).mean()).isEqualTo(4);
        assertThat(statistics.lengths(Modality.TEXT).max()).isEqualTo(5);
        assertThat(statistics.lengths(Modality.VISION).mean()).isEqualTo(1);
        assertThat(statistics.scores().min()).isEqualTo(-3.4, within(1e-6));
        // (−3.4 − 0.5 + 0.5 + 2.5) / 4 = −0.225
        assertThat(statistics.scores().mean()).isEqualTo(-0.225, within(1e-6));
        assertThat(statistics.scores().max()).isEqualTo(2.5);
    }

    @Test
    void sevenClassesClipAndRoundHalfToEven() {
        // −3.4 clips to −3; ±0.5 round to 0; 2.5 rounds to 2.
        SplitStatistics statistics = SplitStatistics.of(split(-3.4f, -0.5f, 0.5f, 2.5f));

        assertThat(statistics.classCounts()).containsExactly(1, 0, 0, 2, 0, 1, 0);
    }

    @Test
    void anEmptySplitHasNoStatistics() {
        SplitStatistics statistics = SplitStatistics.of(split());

        assertThat(statistics.scores().mean()).isNaN();
        assertThat(statistics.lengths(Modality.AUDIO).min()).isNaN();
        assertThat(statistics.classCounts()).containsOnly(0);
    }
}
