package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleStreamsTest {

    @Test
    void aStreamIsFixedByItsFourCoordinates() {
        assertThat(first(1111, "view:missing", 3, 42)).isEqualTo(first(1111, "view:missing", 3, 42));
    }

    @Test
    void everyCoordinateChangesTheStream() {
        long base = first(1111, "view:missing", 3, 42);

        assertThat(first(1112, "view:missing", 3, 42)).isNotEqualTo(base);
        assertThat(first(1111, "sweep:rmfm", 3, 42)).isNotEqualTo(base);
        assertThat(first(1111, "view:missing", 4, 42)).isNotEqualTo(base);
        assertThat(first(1111, "view:missing", 3, 43)).isNotEqualTo(base);
    }

    @Test
    void neighbouringSamplesGetUnrelatedStreams() {
        Set<Long> firsts = new HashSet<>();
        for (int sample = 0; sample < 10_000; sample++) {
            firsts.add(first(7, "sweep:rmfm", 0, sample));
        }
        assertThat(firsts).hasSize(10_000);
    }

    @Test
    void theMixIsABijectionOnSmallInputs() {
        Set<Long> mixed = new HashSet<>();
        for (long v = 0; v < 100_000; v++) {
            mixed.add(SampleStreams.mix(v));
        }
        assertThat(mixed).hasSize(100_000);
    }

    private static long first(long seed, String purpose, int round, int sample) {
        return SampleStreams.of(seed, purpose, round, sample).nextLong();
    }
}
