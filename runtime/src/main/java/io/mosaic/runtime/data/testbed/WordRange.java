package io.mosaic.runtime.data.testbed;

import java.util.SplittableRandom;

/** The token ids [first, end) of one word role. */
public record WordRange(int first, int end) {

    public WordRange {
        if (first < 0 || end < first) {
            throw new IllegalArgumentException("a word range needs 0 <= first <= end, got [" + first + ", " + end + ")");
        }
    }

    public int size() {
        return end - first;
    }

    public boolean contains(int id) {
        return id >= first && id < end;
    }

    /** A uniformly drawn id of the range. */
    int draw(SplittableRandom random) {
        return first + random.nextInt(size());
    }
}
