package io.mosaic.encoders.testing;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Frees the direct buffers nothing reaches any more, as a garbage collection may at any moment of a training step. An
 * array made from Java data ({@code manager.create(float[])}) lies over such a buffer, which only the array keeps
 * alive: once the array is closed (a component's released temporaries are), the buffer's memory is freed at the next
 * collection, whatever libtorch still holds of it. Tests call this between a forward pass and its backward.
 */
public final class DirectMemory {
    private static final int MOST_ROUNDS = 20;

    private DirectMemory() {
    }

    /** Collects until the count of direct buffers stops falling (the collector's cleaners have freed them). */
    public static void collectUnreachable() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        long count = direct.getCount();
        for (int round = 0; round < MOST_ROUNDS; round++) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = direct.getCount();
            if (now >= count && round > 0) {
                return;
            }
            count = now;
        }
    }
}
