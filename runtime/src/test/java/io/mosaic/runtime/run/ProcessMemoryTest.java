package io.mosaic.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t 9043712 kB
            VmHWM:\t  320596 kB
            VmRSS:\t   13664 kB
            Threads:\t42
            """;

    @TempDir
    Path proc;

    @Test
    void aStatusFieldIsReadInMebibytes() {
        assertThat(ProcessMemory.megabytes(STATUS, "VmHWM")).isEqualTo(320596 / 1024.0);
        assertThat(ProcessMemory.megabytes(STATUS, "VmRSS")).isEqualTo(13664 / 1024.0);
    }

    @Test
    void aFieldIsMatchedByItsWholeName() {
        assertThat(ProcessMemory.megabytes("VmHWMX:\t 1024 kB\nVmHWM:\t 2048 kB\n", "VmHWM")).isEqualTo(2.0);
    }

    @Test
    void anAbsentOrMalformedFieldIsNotANumber() {
        assertThat(ProcessMemory.megabytes(STATUS, "VmSwap")).isNaN();
        assertThat(ProcessMemory.megabytes("VmHWM:\t 12 pages\n", "VmHWM")).isNaN();
        assertThat(ProcessMemory.megabytes("VmHWM:\n", "VmHWM")).isNaN();
    }

    @Test
    void aMissingStatusFileIsNotANumber() {
        assertThat(ProcessMemory.read(proc.resolve("status"), "VmHWM")).isNaN();
    }

    @Test
    void resettingThePeakWritesFiveToClearRefs() throws IOException {
        Path clearRefs = Files.writeString(proc.resolve("clear_refs"), "");

        assertThat(ProcessMemory.resetPeak(clearRefs)).isTrue();
        assertThat(Files.readString(clearRefs)).isEqualTo("5");
    }

    @Test
    void withoutClearRefsThePeakIsNotReset() {
        assertThat(ProcessMemory.resetPeak(proc.resolve("clear_refs"))).isFalse();
        assertThat(proc.resolve("clear_refs")).as("nothing is created where the OS has no such file").doesNotExist();
    }
}
