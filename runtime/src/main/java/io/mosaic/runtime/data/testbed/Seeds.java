package io.mosaic.runtime.data.testbed;

/** Seeds for independent random streams, derived by hashing a key of several numbers. */
final class Seeds {

    /** The 64-bit golden ratio, SplitMix64's increment. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {
    }

    /**
     * Stafford's variant 13 of the MurmurHash3 finaliser, SplitMix64's output function: a bijection of the longs that
     * flips about half the output bits for any one flipped input bit.
     */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed for the stream named by {@code parts}, in order: keys that differ anywhere give unrelated seeds. */
    static long key(long... parts) {
        long hash = GOLDEN_GAMMA;
        for (long part : parts) {
            hash = mix64(hash ^ mix64(part + GOLDEN_GAMMA));
        }
        return hash;
    }
}
