package io.mosaic.runtime.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The process's peak resident memory (Java heap and native tensors together), where the OS reports it. */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    /** Peak resident set size in MiB ({@code VmHWM} on Linux), or {@code NaN} where the OS does not say. */
    public static double peakResidentMegabytes() {
        return read("VmHWM:");
    }

    /** Current resident set size in MiB ({@code VmRSS} on Linux), or {@code NaN}. */
    public static double residentMegabytes() {
        return read("VmRSS:");
    }

    private static double read(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
