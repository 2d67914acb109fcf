package io.mosaic.runtime.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mosaic.runtime.run.ProcessMemory;

/**
 * The process's peak resident memory (Java heap and native tensors together) while an assembly of a comparison
 * trained, and what that peak covers.
 *
 * @param megabytes MiB, {@code NaN} where the OS does not report it
 */
public record PeakResident(double megabytes, Scope scope) {

    /** What a peak covers. */
    public enum Scope {
        /**
         * The process's peak was reset as each of the assembly's runs started ({@code clear_refs} on Linux): the
         * highest peak while one of its seeds trained, including what the run's process still held from the runs
         * before it.
         */
        ASSEMBLY("assembly", "peak resident MiB during this assembly's seeds"),
        /** The OS could not reset the peak: the high-water mark of the runs' processes up to the assembly's last seed. */
        PROCESS("process", "peak resident MiB of the whole process so far");

        private final String id;
        private final String description;

        Scope(String id, String description) {
            this.id = id;
            this.description = description;
        }

        @JsonValue
        public String id() {
            return id;
        }

        public String description() {
            return description;
        }
    }

    /**
     * The scope of the peaks that runs starting now record: {@link Scope#ASSEMBLY} where the OS resets a process's
     * peak (each run resets it as it starts, so an assembly's peak is the highest of its runs' own), else
     * {@link Scope#PROCESS}.
     */
    public static Scope scopeOfRunPeaks() {
        return ProcessMemory.resetPeak() ? Scope.ASSEMBLY : Scope.PROCESS;
    }
}
