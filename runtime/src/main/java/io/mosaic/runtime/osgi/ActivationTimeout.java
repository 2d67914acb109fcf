package io.mosaic.runtime.osgi;

import java.time.Duration;

/**
 * How long the runtime waits for a plugin's code to start: a bundle's start, a component's activation. A plugin whose
 * activate method never returns is then named instead of hanging the command. The system property
 * {@value #PROPERTY} sets it, in seconds (default 10).
 */
public final class ActivationTimeout {
    public static final String PROPERTY = "mosaic.activation.timeout";
    private static final Duration DEFAULT = Duration.ofSeconds(10);

    private ActivationTimeout() {
    }

    /** The timeout {@value #PROPERTY} sets, else 10 s. */
    public static Duration fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    /** Reads {@code seconds}, possibly fractional; the default when absent. */
    static Duration parse(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT;
        }
        try {
            double value = Double.parseDouble(seconds.trim());
            if (value > 0 && value < Duration.ofDays(1).toSeconds()) {
                return Duration.ofMillis(Math.round(value * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(PROPERTY + " must be a number of seconds between 0 and 86400, found '"
                + seconds + "'");
    }

    /** {@code 10 s}, {@code 2.5 s}. */
    public static String format(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }
}
