package io.mosaic.runtime.data.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Immutable little-endian bytes of any length, held in chunks of 1 GiB so that payloads beyond a Java array's
 * 2 GiB limit (MOSEI's text features) fit. Reads are absolute, so concurrent readers need no locking.
 *
 * <p>Values of 1, 2, 4 or 8 bytes at offsets that are multiples of their size never straddle two chunks.
 */
public final class ByteData {
    private static final int CHUNK_BITS = 30;

    private final ByteBuffer[] chunks;
    private final long length;
    private final int chunkBits;
    private final int chunkSize;

    private ByteData(ByteBuffer[] chunks, long length, int chunkBits) {
        this.chunks = chunks;
        this.length = length;
        this.chunkBits = chunkBits;
        this.chunkSize = 1 << chunkBits;
    }

    /** The next {@code length} bytes of {@code in}, read straight into the chunks (no intermediate copy). */
    public static ByteData read(InputStream in, long length) throws IOException {
        return read(in, length, CHUNK_BITS);
    }

    /** As {@link #read(InputStream, long)} with chunks of 2^{@code chunkBits} bytes (tests cross chunks). */
    static ByteData read(InputStream in, long length, int chunkBits) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("a byte string cannot have a negative length, got " + length);
        }
        long chunkSize = 1L << chunkBits;
        int count = (int) ((length + chunkSize - 1) >>> chunkBits);
        ByteBuffer[] chunks = new ByteBuffer[count];
        long left = length;
        for (int i = 0; i < count; i++) {
            int size = (int) Math.min(left, chunkSize);
            byte[] bytes = new byte[size];
            int read = in.readNBytes(bytes, 0, size);
            if (read < size) {
                throw new EOFException("the data ends after " + (length - left + read) + " of " + length + " bytes");
            }
            chunks[i] = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            left -= size;
        }
        return new ByteData(chunks, length, chunkBits);
    }

    public static ByteData wrap(byte[] bytes) {
        ByteBuffer[] chunks = bytes.length == 0 ? new ByteBuffer[0]
                : new ByteBuffer[] {ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)};
        return new ByteData(chunks, bytes.length, CHUNK_BITS);
    }

    public long length() {
        return length;
    }

    public byte get(long position) {
        return chunk(position).get(offset(position));
    }

    public int getInt(long position) {
        return chunk(position).getInt(offset(position));
    }

    public long getLong(long position) {
        return chunk(position).getLong(offset(position));
    }

    public float getFloat(long position) {
        return chunk(position).getFloat(offset(position));
    }

    public double getDouble(long position) {
        return chunk(position).getDouble(offset(position));
    }

    /** Reads {@code count} float32 values starting at byte {@code position} into {@code target} from {@code at}. */
    public void getFloats(long position, float[] target, int at, int count) {
        int done = 0;
        while (done < count) {
            long from = position + 4L * done;
            int offset = offset(from);
            int n = Math.min(count - done, (chunkSize - offset) / 4);
            chunk(from).slice(offset, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(target, at + done, n);
            done += n;
        }
    }

    /** All bytes as one array. */
    public byte[] toArray() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(length + " bytes do not fit in one array");
        }
        byte[] bytes = new byte[(int) length];
        int at = 0;
        for (ByteBuffer chunk : chunks) {
            chunk.get(0, bytes, at, chunk.capacity());
            at += chunk.capacity();
        }
        return bytes;
    }

    private ByteBuffer chunk(long position) {
        if (position < 0 || position >= length) {
            throw new IndexOutOfBoundsException("byte " + position + " is outside [0, " + length + ")");
        }
        return chunks[(int) (position >>> chunkBits)];
    }

    private int offset(long position) {
        return (int) (position & (chunkSize - 1));
    }
}
