package io.mosaic.runtime.data.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzArchiveTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(NpzArchiveTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsACompressedNumpyExport() {
        Map<String, NdArray> arrays = NpzArchive.read(resource("mmsa-export.npz"));

        assertThat(arrays).containsKeys("train_id", "train_text", "train_token_ids", "valid_audio",
                "test_regression_labels");
        // numpy: np.load('mmsa-export.npz')['train_token_ids'][0].tolist() == [101, 1111, 1246, 1384, 102],
        // ['train_id'].tolist() == ['npt0$_$0', 'npt1$_$1', 'npt2$_$0'], ['train_text'].shape == (3, 5, 3).
        NumericArray tokens = (NumericArray) arrays.get("train_token_ids");
        assertThat(tokens.dtype()).isEqualTo(DType.INT32);
        assertThat(new double[] {tokens.get(0), tokens.get(1), tokens.get(2), tokens.get(3), tokens.get(4)})
                .containsExactly(101, 1111, 1246, 1384, 102);
        assertThat(((TextArray) arrays.get("train_id")).get(2)).isEqualTo("npt2$_$0");
        assertThat(arrays.get("train_text").shape()).containsExactly(3, 5, 3);
    }

    @Test
    void refusesFilesThatAreNotZipArchives() throws IOException {
        Path file = dir.resolve("random.npz");
        byte[] noise = new byte[512];
        new Random(7).nextBytes(noise);
        Files.write(file, noise);

        assertThatThrownBy(() -> NpzArchive.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": not a readable .npz (zip) archive");
        assertThatThrownBy(() -> NpzArchive.read(dir.resolve("missing.npz")))
                .hasMessage(dir.resolve("missing.npz") + ": no such file");
    }

    @Test
    void refusesEntriesThatAreNotNpyArraysNamingThem() throws IOException {
        Path file = dir.resolve("odd.npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("train_audio.npy"));
            zip.write("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> NpzArchive.read(file)).hasMessage(file + ": entry 'notes.txt' is not an .npy array");
    }

    @Test
    void namesTheEntryThatIsNotAnArray() throws IOException {
        Path file = dir.resolve("bad.npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("train_audio.npy"));
            zip.write("garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> NpzArchive.read(file))
                .hasMessageContaining(file + ": entry 'train_audio.npy'").hasMessageContaining("not an .npy array");
    }

    /** A version-1 .npy header for a float32 vector of {@code length} elements. */
    private static byte[] header(long length) {
        byte[] text = ("{'descr': '<f4', 'fortran_order': False, 'shape': (" + length + ",), }\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer header = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        return header.array();
    }

    /** Writes one deflated member: {@code header}, then {@code zeros} zero bytes. */
    private static void deflated(Path file, byte[] header, int zeros) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("train_audio.npy"));
            zip.write(header);
            byte[] chunk = new byte[1 << 16];
            for (int written = 0; written < zeros; written += chunk.length) {
                zip.write(chunk, 0, Math.min(chunk.length, zeros - written));
            }
            zip.closeEntry();
        }
    }

    @Test
    void aZipBombIsRefusedBeforeInflating() throws IOException {
        // 16 MiB of zeros deflate to about 16 KB: a ratio near 1000 to 1.
        Path file = dir.resolve("bomb.npz");
        byte[] header = header(1 << 22);
        deflated(file, header, 1 << 24);

        long start = System.nanoTime();
        assertThatThrownBy(() -> NpzArchive.read(file))
                .hasMessageStartingWith(file + ": entry 'train_audio.npy' declares " + (header.length + (1 << 24))
                        + " bytes inflated from ")
                .hasMessageEndingWith(" to 1, above 100 to 1): refused as a zip bomb; if the data really compresses "
                        + "this well, save it with numpy.savez (uncompressed)");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void aCentralDirectoryThatLiesAboutTheSizeIsRefusedBeforeInflating() throws IOException {
        // A member of a header promising 1 GiB of float32 and no data, whose central directory declares 2 GiB - 1.
        Path file = dir.resolve("liar.npz");
        deflated(file, header(1 << 28), 0);
        byte[] zip = Files.readAllBytes(file);
        int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        ByteBuffer.wrap(zip, central + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
        Files.write(file, zip);

        assertThatThrownBy(() -> NpzArchive.read(file))
                .hasMessageStartingWith(file + ": entry 'train_audio.npy' declares 2147483647 bytes inflated from ")
                .hasMessageContaining("refused as a zip bomb");
    }

    @Test
    void dataBeyondTheHeapIsRefusedNamingBothSizes() {
        long heap = Runtime.getRuntime().maxMemory();

        assertThatThrownBy(() -> HeapLimit.require("x.npz: its arrays", heap + 1))
                .hasMessageStartingWith(String.format(Locale.ROOT, "x.npz: its arrays need %.1f MB, more than this "
                        + "JVM's whole heap (%.1f MB); give Java more memory, e.g. MOSAIC_JAVA_OPTS=-Xmx",
                        (heap + 1) / 1e6, heap / 1e6));
        HeapLimit.require("x.npz: its arrays", heap / 2);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
