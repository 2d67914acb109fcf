package io.mosaic.runtime.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The process's resident memory (Java heap and native tensors together), where the OS reports it: Linux's
 * {@code /proc/self/status}.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    /** Written to {@code clear_refs}, resets the peak resident set size to the current one (Linux 4.0 and later). */
    private static final String RESET_PEAK = "5";

    private ProcessMemory() {
    }

    /**
     * Peak resident set size in MiB ({@code VmHWM} on Linux: since the process started, or since the last
     * {@link #resetPeak()}), or {@code NaN} where the OS does not say.
     */
    public static double peakResidentMegabytes() {
        return read(STATUS, "VmHWM");
    }

    /** Current resident set size in MiB ({@code VmRSS} on Linux), or {@code NaN}. */
    public static double residentMegabytes() {
        return read(STATUS, "VmRSS");
    }

    /**
     * Lowers the peak resident set size to the current one, so that {@link #peakResidentMegabytes()} measures from
     * now on.
     *
     * @return whether the OS reset it; where it did not, the peak stays the whole process's
     */
    public static boolean resetPeak() {
        return resetPeak(CLEAR_REFS);
    }

    static boolean resetPeak(Path clearRefs) {
        try {
            Files.writeString(clearRefs, RESET_PEAK, StandardOpenOption.WRITE);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    static double read(Path status, String key) {
        try {
            return megabytes(Files.readString(status), key);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * The field {@code key} of a {@code /proc/<pid>/status} text, a line {@code <key>:<spaces><n> kB}, in MiB; or
     * {@code NaN} when the text has no such line.
     */
    static double megabytes(String status, String key) {
        String prefix = key + ":";
        for (String line : status.lines().toList()) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB") || !parts[0].chars().allMatch(Character::isDigit)) {
                    return Double.NaN;
                }
                return Long.parseLong(parts[0]) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
