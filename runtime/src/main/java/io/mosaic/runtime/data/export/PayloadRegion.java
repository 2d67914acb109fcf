package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.Sample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One column's payload region in the file. Rows are appended in sample order through a buffer of about 1 MiB and
 * written at the region's next position, so a split is written in one pass over its samples whatever the number of
 * columns, and never held in memory.
 */
final class PayloadRegion {
    private static final int BUFFER_BYTES = 1 << 20;

    /**
     * Where a column's payload goes, laid out before any sample is computed.
     *
     * @param start    where the region starts in the file
     * @param checksum updated with every byte written, or {@code null} when the format needs no checksum
     */
    record Plan(Column column, long start, CRC32 checksum) {
    }

    private final Column column;
    private final int rowBytes;
    private final ByteBuffer buffer;
    private final CRC32 checksum;
    private long next;

    private PayloadRegion(Plan plan) {
        this.column = plan.column();
        this.rowBytes = Math.toIntExact(column.rowBytes());
        this.next = plan.start();
        this.checksum = plan.checksum();
        int rowsPerBuffer = Math.max(1, BUFFER_BYTES / rowBytes);
        this.buffer = ByteBuffer.allocateDirect(rowsPerBuffer * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes every sample of {@code split} into the regions of its columns, in one pass over the samples.
     *
     * @param plans one per column of the split
     */
    static void fill(FileChannel channel, ExportSplit split, List<Plan> plans, SampleFeed feed) throws IOException {
        List<PayloadRegion> regions = plans.stream().map(PayloadRegion::new).toList();
        feed.forEach(split.split(), sample -> {
            for (PayloadRegion region : regions) {
                region.append(channel, sample);
            }
        });
        for (PayloadRegion region : regions) {
            region.flush(channel);
        }
    }

    private void append(FileChannel channel, Sample sample) throws IOException {
        if (buffer.remaining() < rowBytes) {
            flush(channel);
        }
        int before = buffer.position();
        column.writer().write(sample, buffer);
        if (buffer.position() - before != rowBytes) {
            throw new IllegalStateException("column '" + column.key() + "' wrote " + (buffer.position() - before)
                    + " bytes for sample " + sample.id() + ", its rows have " + rowBytes);
        }
    }

    private void flush(FileChannel channel) throws IOException {
        buffer.flip();
        if (checksum != null) {
            checksum.update(buffer.duplicate());
        }
        int length = buffer.remaining();
        FileLayout.writeAt(channel, buffer, next);
        next += length;
        buffer.clear();
    }
}
