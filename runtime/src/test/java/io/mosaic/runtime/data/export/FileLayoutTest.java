package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLayoutTest {

    @TempDir
    Path dir;

    @Test
    void framingGoesAroundReservedRegions() throws IOException {
        FileLayout layout = new FileLayout();
        layout.framing().u8('a').u8('b');
        long first = layout.reserve(3);
        layout.framing().u8('c');
        long second = layout.reserve(2);
        layout.framing().u16(0x6564);
        Path file = dir.resolve("laid-out");

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            layout.writeFraming(channel);
            layout.framing().u8('f');
            assertThat(layout.position()).isEqualTo(11);
            layout.writeFraming(channel);
        }

        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(6);
        // The regions are holes (zeros) until a payload fills them; u16 is little-endian.
        assertThat(Files.readAllBytes(file)).containsExactly('a', 'b', 0, 0, 0, 'c', 0, 0, 'd', 'e', 'f');
    }

    @Test
    void framingWritesLittleEndianNumbers() {
        Framing framing = new Framing().u16(0x0102).u32(0x03040506L).u64(0x0708090a0b0c0d0eL);

        assertThat(framing.take()).containsExactly(2, 1, 6, 5, 4, 3, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 9, 8, 7);
    }
}
