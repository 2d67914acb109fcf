package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.data.mmsa.NpzSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {

    @TempDir
    Path dir;

    @Test
    void entriesAreStoredWithTheCrcOfTheirBytes() throws IOException {
        Path file = dir.resolve("tiny.npz");
        MmsaExport.write(MmsaExportTest.TESTBED, file, new NpzWriter(), 1);

        try (ZipFile zip = new ZipFile(file.toFile())) {
            // 3 splits × 14 keys: MMSA's 11 and the unimodal labels regression_labels_T, _A and _V.
            assertThat(Collections.list(zip.entries())).hasSize(42);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getCrc()).as(entry.getName()).isEqualTo(crc(zip, entry));
            }
            assertThat(zip.getEntry("test_vision.npy")).isNotNull();
        }
        assertThat(endRecord(file).getInt(16)).as("directory offset without ZIP64").isNotEqualTo(-1);
    }

    @Test
    void zip64ExtensionsHoldSizesAndOffsetsFromTheLimitOn() throws IOException {
        // With a limit of 1 KiB, the frame entries, most offsets and the directory use ZIP64 fields.
        Path file = dir.resolve("zip64.npz");
        MmsaExport.write(MmsaExportTest.TESTBED, file, new NpzWriter(1024), 2);

        ByteBuffer end = endRecord(file);
        assertThat(end.getInt(12)).as("directory size").isEqualTo(-1);
        assertThat(end.getInt(16)).as("directory offset").isEqualTo(-1);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry audio = zip.getEntry("train_audio.npy");
            assertThat(audio.getSize()).isGreaterThan(1024);
            assertThat(audio.getCrc()).isEqualTo(crc(zip, audio));
        }
        MmsaExportTest.assertSameSamples(MmsaExportTest.open(new NpzSource(), file), MmsaExportTest.TESTBED);
    }

    /** The end of central directory record: the file's last 22 bytes (no comment). */
    private static ByteBuffer endRecord(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer end = ByteBuffer.wrap(bytes, bytes.length - 22, 22).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(end.getInt(0)).isEqualTo(0x06054b50);
        return end;
    }

    private static long crc(ZipFile zip, ZipEntry entry) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = zip.getInputStream(entry)) {
            crc.update(in.readAllBytes());
        }
        return crc.getValue();
    }
}
