package io.mosaic.itests.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the framework does on its own threads (FileInstall's scans, SCR's activations). */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Poll() {
    }

    /**
     * Checks {@code condition} until it holds.
     *
     * @return how long it took to hold
     * @throws AssertionError when it does not hold within {@code timeout}
     */
    public static Duration until(String what, BooleanSupplier condition, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted while waiting", e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Asks {@code value} until it gives one.
     *
     * @throws AssertionError when it gives none within {@code timeout}
     */
    public static <T> T untilValue(String what, Supplier<Optional<T>> value, Duration timeout) {
        AtomicReference<T> found = new AtomicReference<>();
        until(what, () -> value.get().map(v -> {
            found.set(v);
            return true;
        }).orElse(false), timeout);
        return found.get();
    }
}
