package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.testbed.Testbed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleFeedTest {

    @Test
    void parallelSamplesArriveInIndexOrderAndEqualSequentialOnes() throws IOException {
        Split split = Testbed.preset("tiny", 4).split("train");
        List<Sample> sequential = new ArrayList<>();
        List<Sample> parallel = new ArrayList<>();

        try (SampleFeed one = SampleFeed.withThreads(1); SampleFeed three = SampleFeed.withThreads(3)) {
            one.forEach(split, sequential::add);
            three.forEach(split, parallel::add);
        }

        assertThat(parallel).hasSize(160);
        for (int i = 0; i < 160; i++) {
            assertThat(parallel.get(i).id()).isEqualTo("train/" + i);
            assertThat(parallel.get(i).frames(Modality.VISION).values())
                    .containsExactly(sequential.get(i).frames(Modality.VISION).values());
        }
    }

    @Test
    void aFailingSampleFailsTheFeedWithItsOwnException() {
        Split failing = new Split() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int size() {
                return 20;
            }

            @Override
            public Sample sample(int index) {
                throw new IllegalArgumentException("sample " + index + " is unreadable");
            }
        };

        try (SampleFeed feed = SampleFeed.withThreads(2)) {
            assertThatThrownBy(() -> feed.forEach(failing, sample -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sample 0 is unreadable");
        }
    }

    @Test
    void aFeedNeedsAThread() {
        assertThatThrownBy(() -> SampleFeed.withThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("samples need at least 1 thread, got 0");
    }
}
