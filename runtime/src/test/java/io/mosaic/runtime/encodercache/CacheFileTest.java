package io.mosaic.runtime.encodercache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache file's rows read back as written, and every damaged or foreign file refused before it is trusted. */
class CacheFileTest {
    private static final String KEY = "k1";
    private static final FeatureShape SHAPE = FeatureShape.sequence(2, 3);
    /** Where the count field starts: magic (8), key length (2), key (2). */
    private static final int COUNT_AT = 8 + 2 + KEY.length();

    @TempDir
    Path folder;
    private Path file;

    /** Three samples a, b, c; sample i's row is 10 i + 0 .. 5, its length i % 3. */
    @BeforeEach
    void write() {
        file = folder.resolve("f.enc");
        CacheFile.write(file, KEY, SHAPE, 3, sink -> {
            sink.accept(List.of("a", "b"), row(0, 1), new long[] {0, 1});
            sink.accept(List.of("c"), row(2), new long[] {2});
        });
    }

    private static float[] row(int... samples) {
        float[] values = new float[samples.length * 6];
        for (int s = 0; s < samples.length; s++) {
            for (int j = 0; j < 6; j++) {
                values[s * 6 + j] = 10 * samples[s] + j;
            }
        }
        return values;
    }

    @Test
    void rowsAreReadBackByIdInAnyOrder() throws Exception {
        // header 8 + 2 + 2 + 12, values 3 × 6 × 4, lengths 3 × 8, ids 3 × 3, checksum 4
        assertThat(Files.size(file)).isEqualTo(24 + 72 + 24 + 9 + 4);
        try (CacheFile cache = CacheFile.open(file, KEY, SHAPE, 3); NDManager manager = NDManager.newBaseManager()) {
            Features features = cache.read(List.of("c", "a"), manager);
            assertThat(features.values().toFloatArray()).containsExactly(row(2, 0));
            assertThat(features.lengths().toLongArray()).containsExactly(2, 0);
        }
    }

    @Test
    void aFileMadeForOtherKeysCountsOrShapesIsRefused() {
        assertThatThrownBy(() -> CacheFile.open(file, "k2", SHAPE, 3)).hasMessageContaining("another model");
        assertThatThrownBy(() -> CacheFile.open(file, KEY, SHAPE, 4)).hasMessageContaining("expected 4 of 2x3");
        assertThatThrownBy(() -> CacheFile.open(file, KEY, FeatureShape.vector(3), 3))
                .hasMessageContaining("holds 3 rows of 2x3");
    }

    @Test
    void aHeaderClaimingMoreRowsThanTheFileHoldsIsRefusedWithoutAllocatingThem() throws Exception {
        patch(COUNT_AT, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
        // Asked for as many rows as the header claims, the file's size refutes it before anything is read.
        assertThatThrownBy(() -> CacheFile.open(file, KEY, SHAPE, Integer.MAX_VALUE))
                .isInstanceOf(CacheFile.Invalid.class).hasMessageContaining("cannot fill");
    }

    @Test
    void aTruncatedOrAlteredFileFailsItsChecksum() throws Exception {
        patch(COUNT_AT + 12 + 5, new byte[] {0x41});
        assertThatThrownBy(() -> CacheFile.open(file, KEY, SHAPE, 3)).hasMessageContaining("fails its checksum");
        write();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 1);
        }
        assertThatThrownBy(() -> CacheFile.open(file, KEY, SHAPE, 3)).isInstanceOf(CacheFile.Invalid.class);
        Files.writeString(file, "not a cache at all, but long enough", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CacheFile.open(file, KEY, SHAPE, 3)).hasMessageContaining("no MSCENC01 magic");
    }

    private void patch(long at, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), at);
        }
    }
}
