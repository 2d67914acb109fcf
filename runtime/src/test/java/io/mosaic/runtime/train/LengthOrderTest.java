package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LengthOrderTest {

    /** Lengths (text + audio): 5 + 3, 1 + 1, 4 + 4, 0 + 2, 2 + 0: by sum 8, 2, 8, 2, 2; ties in split order. */
    @Test
    void ordersBySummedRealStepsThenBySplitIndex() {
        int[][] lengths = {{5, 3}, {1, 1}, {4, 4}, {0, 2}, {2, 0}};
        Split split = new Split() {
            @Override
            public String name() {
                return "valid";
            }

            @Override
            public int size() {
                return lengths.length;
            }

            @Override
            public Sample sample(int index) {
                return new Sample("s" + index, 0f, 0, null, Map.of(
                        Modality.TEXT, new Frames(new float[6 * 2], 6, 2, lengths[index][0]),
                        Modality.AUDIO, new Frames(new float[4], 4, 1, lengths[index][1])));
            }
        };

        assertThat(LengthOrder.of(split)).containsExactly(1, 3, 4, 0, 2);
    }
}
