package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    @Test
    void mix64IsSplitMix64sOutputFunction() {
        // SplitMix64's reference first output for seed 0.
        assertThat(Seeds.mix64(GOLDEN_GAMMA)).isEqualTo(0xe220a8397b1dcdafL);
        // SplittableRandom(s).nextLong() is mix64(s + γ).
        for (long seed : new long[] {1, 42, -7, Long.MAX_VALUE}) {
            assertThat(Seeds.mix64(seed + GOLDEN_GAMMA)).isEqualTo(new SplittableRandom(seed).nextLong());
        }
    }

    @Test
    void equalKeysGiveEqualSeeds() {
        assertThat(Seeds.key(1111, 2, 17)).isEqualTo(Seeds.key(1111, 2, 17));
    }

    @Test
    void keysThatDifferInAnyPartOrderOrLengthGiveDistinctSeeds() {
        Set<Long> seeds = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            seeds.add(Seeds.key(seed));
            for (long split = 0; split < 3; split++) {
                for (long index = 0; index < 100; index++) {
                    seeds.add(Seeds.key(seed, split, index));
                }
            }
        }

        assertThat(seeds).hasSize(4 + 4 * 3 * 100);
        assertThat(Seeds.key(1, 2, 3)).isNotEqualTo(Seeds.key(3, 2, 1));
    }
}
