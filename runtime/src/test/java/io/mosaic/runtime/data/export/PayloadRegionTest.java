package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.npz.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadRegionTest {
    private static final int ROW = 100_000;

    @TempDir
    Path dir;

    /** Samples whose ids are their indices. */
    private static final Split NUMBERED = new Split() {
        @Override
        public String name() {
            return "numbered";
        }

        @Override
        public int size() {
            return 5;
        }

        @Override
        public Sample sample(int index) {
            return new Sample(Integer.toString(index), 0, 0, null, new EnumMap<>(Modality.class));
        }
    };

    /** A row of 100 000 int32s (400 000 bytes, 2 rows per buffer), each the sample's index plus its position. */
    private static final Column BIG = new Column("big", DType.INT32, new int[] {ROW}, (sample, row) -> {
        int index = Integer.parseInt(sample.id());
        for (int k = 0; k < ROW; k++) {
            row.putInt(index + k);
        }
    });

    @Test
    void rowsLandInSampleOrderAcrossBufferFlushesWithTheirChecksum() throws IOException {
        Path file = dir.resolve("region");
        CRC32 checksum = new CRC32();

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             SampleFeed feed = SampleFeed.withThreads(1)) {
            PayloadRegion.fill(channel, new ExportSplit("numbered", NUMBERED, List.of(BIG)),
                    List.of(new PayloadRegion.Plan(BIG, 16, checksum)), feed);
        }

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(16 + 5 * 4 * ROW);
        ByteBuffer values = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int index = 0; index < 5; index++) {
            assertThat(values.getInt(16 + 4 * ROW * index)).isEqualTo(index);
            assertThat(values.getInt(16 + 4 * ROW * index + 4 * (ROW - 1))).isEqualTo(index + ROW - 1);
        }
        CRC32 expected = new CRC32();
        expected.update(bytes, 16, bytes.length - 16);
        assertThat(checksum.getValue()).isEqualTo(expected.getValue());
    }

    @Test
    void aColumnThatWritesTheWrongRowSizeFails() throws IOException {
        Column shortRows = new Column("short", DType.INT64, new int[] {2}, (sample, row) -> row.putLong(1));

        try (FileChannel channel = FileChannel.open(dir.resolve("short"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE); SampleFeed feed = SampleFeed.withThreads(1)) {
            assertThatThrownBy(() -> PayloadRegion.fill(channel, new ExportSplit("numbered", NUMBERED,
                    List.of(shortRows)), List.of(new PayloadRegion.Plan(shortRows, 0, null)), feed))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("column 'short' wrote 8 bytes for sample 0, its rows have 16");
        }
    }
}
