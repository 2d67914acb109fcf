package io.mosaic.runtime.encodercache;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.runtime.run.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * One split's outputs of one frozen encoder, on disk, read a batch at a time (the values are never all in the heap).
 *
 * <p>Layout (big-endian): the magic {@code MSCENC01}; the key (u16 byte count, UTF-8); the sample count, steps
 * (0 for pooled outputs) and width (int32 each); the values, one row of steps × width (or width) float32 per sample
 * in split order; for sequences, each sample's length (int64); each sample's id (u16 byte count, UTF-8); and the
 * CRC-32C of every byte before it (int32). A file whose key, count or shape is not the expected one, whose size is
 * not what those imply, whose checksum fails or whose lengths or ids are malformed is {@linkplain Invalid refused}
 * before anything it claims is allocated: the caller rebuilds it.
 */
final class CacheFile implements AutoCloseable {
    private static final byte[] MAGIC = "MSCENC01".getBytes(StandardCharsets.US_ASCII);
    /** The longest key or sample id stored, in UTF-8 bytes. */
    static final int MAX_TEXT = 4096;
    private static final int CHECKSUM_BYTES = Integer.BYTES;

    /** Why a cache file cannot be used, in words. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason);
        }
    }

    /** Produces the rows of a split in order, a batch at a time, handing each to {@code sink}. */
    @FunctionalInterface
    interface Rows {
        void writeTo(RowSink sink) throws IOException;
    }

    /** Receives a batch of rows: ids, values [B × row] and, for sequences, lengths [B]. */
    interface RowSink {
        void accept(List<String> ids, float[] values, long[] lengths) throws IOException;
    }

    private final Path path;
    private final FileChannel channel;
    private final FeatureShape output;
    private final long valuesStart;
    private final int rowFloats;
    private final long[] lengths;
    private final Map<String, Integer> rows;

    private CacheFile(Path path, FileChannel channel, FeatureShape output, long valuesStart, long[] lengths,
                      Map<String, Integer> rows) {
        this.path = path;
        this.channel = channel;
        this.output = output;
        this.valuesStart = valuesStart;
        this.rowFloats = rowFloats(output);
        this.lengths = lengths;
        this.rows = rows;
    }

    Path path() {
        return path;
    }

    private static int rowFloats(FeatureShape output) {
        return Math.multiplyExact(output.isSequence() ? output.steps() : 1, output.dim());
    }

    private static long headerBytes(String key) {
        return MAGIC.length + 2 + key.getBytes(StandardCharsets.UTF_8).length + 3L * Integer.BYTES;
    }

    /** Writes {@code count} rows of {@code output}'s shape under {@code key} to {@code target}, atomically. */
    static void write(Path target, String key, FeatureShape output, int count, Rows rows) {
        int rowFloats = rowFloats(output);
        AtomicFiles.write(target, stream -> {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(stream,
                    1 << 16), crc));
            out.write(MAGIC);
            writeText(out, key);
            out.writeInt(count);
            out.writeInt(output.isSequence() ? output.steps() : 0);
            out.writeInt(output.dim());
            long[] allLengths = new long[count];
            String[] allIds = new String[count];
            int[] written = {0};
            rows.writeTo((ids, values, lengths) -> {
                if (written[0] + ids.size() > count || values.length != ids.size() * rowFloats) {
                    throw new IllegalStateException("the encoder gave " + values.length + " values for "
                            + ids.size() + " samples after " + written[0] + " of " + count + "; expected rows of "
                            + rowFloats);
                }
                ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
                bytes.asFloatBuffer().put(values);
                out.write(bytes.array());
                for (int i = 0; i < ids.size(); i++) {
                    allIds[written[0] + i] = ids.get(i);
                    allLengths[written[0] + i] = lengths == null ? 0 : lengths[i];
                }
                written[0] += ids.size();
            });
            if (written[0] != count) {
                throw new IllegalStateException("the encoder gave " + written[0] + " rows, expected " + count);
            }
            if (output.isSequence()) {
                for (long length : allLengths) {
                    out.writeLong(length);
                }
            }
            for (String id : allIds) {
                writeText(out, id);
            }
            out.writeInt((int) crc.getValue());
            out.flush();
        });
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TEXT) {
            throw new IllegalArgumentException("'" + text.substring(0, 40) + "...' is longer than " + MAX_TEXT
                    + " bytes");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    /**
     * Opens {@code path} if it holds {@code count} rows of {@code output} under {@code key}, intact.
     *
     * @throws Invalid saying what is wrong with it
     */
    static CacheFile open(Path path, String key, FeatureShape output, int count) throws Invalid {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new Invalid("cannot be opened (" + AtomicFiles.reason(e) + ")");
        }
        try {
            return validated(path, channel, key, output, count);
        } catch (Invalid | RuntimeException e) {
            close(channel);
            throw e;
        } catch (IOException e) {
            close(channel);
            throw new Invalid("cannot be read (" + AtomicFiles.reason(e) + ")");
        }
    }

    private static CacheFile validated(Path path, FileChannel channel, String key, FeatureShape output, int count)
            throws IOException, Invalid {
        long size = channel.size();
        long header = headerBytes(key);
        if (size < header + CHECKSUM_BYTES) {
            throw new Invalid("is " + size + " bytes, shorter than its header");
        }
        ByteBuffer head = read(channel, 0, (int) header);
        byte[] magic = new byte[MAGIC.length];
        head.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new Invalid("is not a Mosaic encoder cache (no MSCENC01 magic)");
        }
        byte[] expectedKey = key.getBytes(StandardCharsets.UTF_8);
        byte[] storedKey = new byte[expectedKey.length];
        boolean sameLength = Short.toUnsignedInt(head.getShort()) == expectedKey.length;
        head.get(storedKey);
        if (!sameLength || !Arrays.equals(storedKey, expectedKey)) {
            throw new Invalid("was made for another model, data or split");
        }
        int storedCount = head.getInt();
        int steps = head.getInt();
        int dim = head.getInt();
        if (storedCount != count || steps != (output.isSequence() ? output.steps() : 0) || dim != output.dim()) {
            throw new Invalid("holds " + storedCount + " rows of " + steps + "x" + dim + ", expected " + count
                    + " of " + output);
        }
        long values = Math.multiplyExact((long) count, (long) rowFloats(output) * Float.BYTES);
        long lengthsStart = header + values;
        long idsStart = lengthsStart + (output.isSequence() ? (long) count * Long.BYTES : 0);
        long end = size - CHECKSUM_BYTES;
        if (idsStart + 2L * count > end || end - idsStart > (long) count * (2 + MAX_TEXT)) {
            throw new Invalid("is " + size + " bytes, which " + count + " rows of " + output + " cannot fill");
        }
        if (checksum(channel, end) != read(channel, end, CHECKSUM_BYTES).getInt()) {
            throw new Invalid("fails its checksum (it was cut short or altered)");
        }
        long[] lengths = null;
        if (output.isSequence()) {
            lengths = new long[count];
            read(channel, lengthsStart, count * Long.BYTES).asLongBuffer().get(lengths);
            for (long length : lengths) {
                if (length < 0 || length > output.steps()) {
                    throw new Invalid("holds a length of " + length + " outside [0, " + output.steps() + "]");
                }
            }
        }
        ByteBuffer ids = read(channel, idsStart, Math.toIntExact(end - idsStart));
        Map<String, Integer> rows = new HashMap<>(count * 2);
        for (int row = 0; row < count; row++) {
            if (ids.remaining() < 2) {
                throw new Invalid("ends before its id " + (row + 1));
            }
            int length = Short.toUnsignedInt(ids.getShort());
            if (length > MAX_TEXT || length > ids.remaining()) {
                throw new Invalid("holds a malformed id at row " + (row + 1));
            }
            byte[] id = new byte[length];
            ids.get(id);
            if (rows.put(new String(id, StandardCharsets.UTF_8), row) != null) {
                throw new Invalid("holds the id of row " + (row + 1) + " twice");
            }
        }
        if (ids.hasRemaining()) {
            throw new Invalid("has " + ids.remaining() + " bytes after its last id");
        }
        return new CacheFile(path, channel, output, header, lengths, rows);
    }

    /** The CRC-32C of the first {@code end} bytes, read in blocks. */
    private static int checksum(FileChannel channel, long end) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        for (long position = 0; position < end; ) {
            block.clear().limit((int) Math.min(block.capacity(), end - position));
            int read = channel.read(block, position);
            if (read < 0) {
                throw new IOException("unexpected end of file");
            }
            position += read;
            crc.update(block.flip());
        }
        return (int) crc.getValue();
    }

    private static ByteBuffer read(FileChannel channel, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    /** The rows of {@code ids}, in that order, as features in {@code manager}. */
    Features read(List<String> ids, NDManager manager) {
        float[] values = new float[Math.multiplyExact(ids.size(), rowFloats)];
        long[] batchLengths = new long[ids.size()];
        try {
            for (int i = 0; i < ids.size(); i++) {
                Integer row = rows.get(ids.get(i));
                if (row == null) {
                    throw new IllegalStateException(path + " has no outputs for sample " + ids.get(i) + "; delete "
                            + "it to rebuild it");
                }
                read(channel, valuesStart + (long) row * rowFloats * Float.BYTES, rowFloats * Float.BYTES)
                        .asFloatBuffer().get(values, i * rowFloats, rowFloats);
                if (lengths != null) {
                    batchLengths[i] = lengths[row];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encoder cache " + path, e);
        }
        if (!output.isSequence()) {
            return Features.pooled(manager.create(values, new Shape(ids.size(), output.dim())));
        }
        NDArray array = manager.create(values, new Shape(ids.size(), output.steps(), output.dim()));
        return Features.sequence(array, manager.create(batchLengths));
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // A read-only channel has nothing to flush.
        }
    }
}
