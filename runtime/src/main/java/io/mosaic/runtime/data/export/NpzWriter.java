package io.mosaic.runtime.data.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes splits as an npz archive in the layout of {@code numpy.savez}: a zip of stored entries named
 * {@code <split>_<key>.npy}, each an {@code .npy} array, which is the convention of Mosaic's npz source. Every size
 * is known in advance, so the headers are laid out first and each split's arrays are streamed in one pass over its
 * samples; the CRC-32 of each entry is computed on the way and patched into its local header, then the central
 * directory is appended. Sizes and offsets of 4 GiB and more use ZIP64 (APPNOTE 4.3.14 to 4.3.16).
 */
final class NpzWriter implements FormatWriter {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    /** The most entries the end record counts without ZIP64. */
    private static final int MAX_ENTRIES = 0xFFFF;

    private final long zip64Limit;

    NpzWriter() {
        this(StoredZipEntry.MARKER);
    }

    /** @param zip64Limit the first size or offset written with ZIP64 (tests lower it to exercise ZIP64) */
    NpzWriter(long zip64Limit) {
        this.zip64Limit = zip64Limit;
    }

    @Override
    public void write(FileChannel channel, List<ExportSplit> splits, SampleFeed feed) throws IOException {
        FileLayout layout = new FileLayout();
        List<StoredZipEntry> entries = new ArrayList<>();
        List<List<PayloadRegion.Plan>> plans = new ArrayList<>();
        for (ExportSplit split : splits) {
            List<PayloadRegion.Plan> splitPlans = new ArrayList<>();
            for (Column column : split.columns()) {
                byte[] header = NpyHeader.of(column.dtype(), column.shape(split.rows()));
                long payload = split.payloadBytes(column);
                StoredZipEntry entry = new StoredZipEntry(split.name() + "_" + column.key() + ".npy",
                        layout.position(), header.length + payload, zip64Limit);
                entry.writeLocalHeader(layout.framing());
                layout.framing().bytes(header);
                entry.checksum().update(header);
                splitPlans.add(new PayloadRegion.Plan(column, layout.reserve(payload), entry.checksum()));
                entries.add(entry);
            }
            plans.add(splitPlans);
        }
        layout.writeFraming(channel);
        for (int s = 0; s < splits.size(); s++) {
            PayloadRegion.fill(channel, splits.get(s), plans.get(s), feed);
        }
        for (StoredZipEntry entry : entries) {
            ByteBuffer crc = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            crc.putInt(0, (int) entry.checksum().getValue());
            FileLayout.writeAt(channel, crc, entry.offset() + StoredZipEntry.LOCAL_CRC_OFFSET);
        }
        long directoryStart = layout.position();
        entries.forEach(entry -> entry.writeCentralHeader(layout.framing()));
        writeEnd(layout, entries.size(), directoryStart, layout.position() - directoryStart);
        layout.writeFraming(channel);
    }

    /**
     * The end of central directory record, preceded by the ZIP64 end record and its locator when the entry count,
     * the directory's size or its offset needs them; the plain record then holds 0xFFFF or 0xFFFFFFFF markers.
     */
    private void writeEnd(FileLayout layout, int count, long directoryStart, long directorySize) {
        boolean manyEntries = count >= MAX_ENTRIES;
        boolean bigSize = directorySize >= zip64Limit;
        boolean bigStart = directoryStart >= zip64Limit;
        Framing out = layout.framing();
        if (manyEntries || bigSize || bigStart) {
            long zip64End = layout.position();
            out.u32(ZIP64_END_SIGNATURE).u64(44).u16(StoredZipEntry.VERSION_ZIP64).u16(StoredZipEntry.VERSION_ZIP64)
                    .u32(0).u32(0).u64(count).u64(count).u64(directorySize).u64(directoryStart);
            out.u32(ZIP64_LOCATOR_SIGNATURE).u32(0).u64(zip64End).u32(1);
        }
        int shortCount = manyEntries ? MAX_ENTRIES : count;
        out.u32(END_SIGNATURE).u16(0).u16(0).u16(shortCount).u16(shortCount)
                .u32(bigSize ? StoredZipEntry.MARKER : directorySize)
                .u32(bigStart ? StoredZipEntry.MARKER : directoryStart).u16(0);
    }
}
