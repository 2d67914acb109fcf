package io.mosaic.runtime.data.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
