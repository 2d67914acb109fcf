package io.mosaic.runtime.compare;

import java.util.Locale;

/** How a comparison's numbers are written for people, the same on the console and in the HTML report. */
public final class ComparisonFormat {
    /** Written for a number that the OS or the test could not give. */
    public static final String NOT_AVAILABLE = "n/a";

    private ComparisonFormat() {
    }

    /** {@code 0.1234 ± 0.0056}. */
    public static String meanStd(double mean, double std) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }

    /** {@code p 0.031}, or {@code p n/a} where the paired test is undefined. */
    public static String pValue(PairedTest paired) {
        return "p " + (paired.pValue() == null ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.3f", paired.pValue()));
    }

    /** The mean paired difference with its sign, {@code Δ +0.0123}. */
    public static String difference(PairedTest paired) {
        return String.format(Locale.ROOT, "Δ %+.4f", paired.meanDifference());
    }

    /** {@code 123,456}. */
    public static String parameters(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    public static String secondsPerEpoch(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    public static String samplesPerSecond(double samples) {
        return String.format(Locale.ROOT, "%.1f", samples);
    }

    /** Whole MiB, or {@code n/a} where the OS does not report memory. */
    public static String megabytes(double megabytes) {
        return Double.isNaN(megabytes) ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.0f", megabytes);
    }
}
