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
         * The process's peak was reset before the assembly's first seed ({@code clear_refs} on Linux): the peak while
         * its seeds trained, including what the process still held from the assemblies before it.
         */
        ASSEMBLY("assembly", "peak resident MiB during this assembly's seeds"),
        /** The OS could not reset the peak: the high-water mark of the whole process up to the assembly's last seed. */
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

    /** Starts measuring a peak: resets the process's peak where the OS can. */
    public static Meter start() {
        return new Meter(ProcessMemory.resetPeak() ? Scope.ASSEMBLY : Scope.PROCESS);
    }

    /** A peak being measured since {@link #start()}. */
    public static final class Meter {
        private final Scope scope;

        private Meter(Scope scope) {
            this.scope = scope;
        }

        /** The peak so far. */
        public PeakResident peak() {
            return new PeakResident(ProcessMemory.peakResidentMegabytes(), scope);
        }
    }
}
