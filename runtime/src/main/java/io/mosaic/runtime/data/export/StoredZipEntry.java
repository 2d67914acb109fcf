package io.mosaic.runtime.data.export;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A stored (uncompressed) zip entry whose size is known before its bytes are written, and its headers (PKWARE's
 * APPNOTE 4.3.7 and 4.3.12). Sizes and offsets from {@code zip64Limit} on are written as 0xFFFFFFFF with their value
 * in a ZIP64 extra field (APPNOTE 4.5.3). Times are fixed at 1980-01-01 00:00, so equal content gives equal files.
 */
final class StoredZipEntry {
    static final long MARKER = 0xFFFF_FFFFL;
    static final int VERSION_DEFAULT = 20;
    static final int VERSION_ZIP64 = 45;
    /** Where the CRC-32 sits in a local header. */
    static final int LOCAL_CRC_OFFSET = 14;

    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int ZIP64_EXTRA = 0x0001;
    /** MS-DOS date of 1980-01-01: (year − 1980) << 9 | month << 5 | day. */
    private static final int DOS_DATE = 1 << 5 | 1;

    private final byte[] name;
    private final long offset;
    private final long size;
    private final long zip64Limit;
    private final CRC32 checksum = new CRC32();

    /**
     * @param offset     where the entry's local header starts
     * @param size       the entry's bytes
     * @param zip64Limit the first size or offset that needs ZIP64
     */
    StoredZipEntry(String name, long offset, long size, long zip64Limit) {
        this.name = name.getBytes(StandardCharsets.UTF_8);
        this.offset = offset;
        this.size = size;
        this.zip64Limit = zip64Limit;
    }

    long offset() {
        return offset;
    }

    /** The CRC-32 of the entry's bytes, updated as they are written. */
    CRC32 checksum() {
        return checksum;
    }

    /** The local header with a CRC-32 of 0, to be patched at {@link #LOCAL_CRC_OFFSET} once the bytes are known. */
    void writeLocalHeader(Framing out) {
        boolean zip64 = size >= zip64Limit;
        out.u32(LOCAL_SIGNATURE).u16(zip64 ? VERSION_ZIP64 : VERSION_DEFAULT).u16(0).u16(0)
                .u16(0).u16(DOS_DATE).u32(0)
                .u32(zip64 ? MARKER : size).u32(zip64 ? MARKER : size)
                .u16(name.length).u16(zip64 ? 20 : 0).bytes(name);
        if (zip64) {
            out.u16(ZIP64_EXTRA).u16(16).u64(size).u64(size);
        }
    }

    /** The central directory header, with the ZIP64 extra field holding the values that need it, in APPNOTE order. */
    void writeCentralHeader(Framing out) {
        boolean bigSize = size >= zip64Limit;
        boolean bigOffset = offset >= zip64Limit;
        int extraLength = (bigSize ? 16 : 0) + (bigOffset ? 8 : 0);
        int version = extraLength > 0 ? VERSION_ZIP64 : VERSION_DEFAULT;
        out.u32(CENTRAL_SIGNATURE).u16(VERSION_ZIP64).u16(version).u16(0).u16(0)
                .u16(0).u16(DOS_DATE).u32(checksum.getValue())
                .u32(bigSize ? MARKER : size).u32(bigSize ? MARKER : size)
                .u16(name.length).u16(extraLength == 0 ? 0 : extraLength + 4).u16(0)
                .u16(0).u16(0).u32(0).u32(bigOffset ? MARKER : offset).bytes(name);
        if (extraLength > 0) {
            out.u16(ZIP64_EXTRA).u16(extraLength);
            if (bigSize) {
                out.u64(size).u64(size);
            }
            if (bigOffset) {
                out.u64(offset);
            }
        }
    }
}
