package io.mosaic.runtime.data.npz;

import java.util.Locale;

/** Refuses data that cannot fit the JVM's heap before reading it, instead of running out of memory part-way. */
public final class HeapLimit {

    private HeapLimit() {
    }

    /**
     * @param what  the data, for the message, e.g. {@code features.npz: its arrays}
     * @param bytes the bytes it needs on the heap
     * @throws IllegalArgumentException naming {@code what}, its size and the heap's, when it exceeds the heap
     */
    public static void require(String what, long bytes) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s need %.1f MB, more than this JVM's "
                    + "whole heap (%.1f MB); give Java more memory, e.g. MOSAIC_JAVA_OPTS=-Xmx%dg", what,
                    bytes / 1e6, heap / 1e6, bytes / (1L << 30) + 2));
        }
    }
}
