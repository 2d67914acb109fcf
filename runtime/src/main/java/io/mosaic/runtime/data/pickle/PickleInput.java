package io.mosaic.runtime.data.pickle;

import io.mosaic.runtime.data.npz.ByteData;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The pickle's bytes with their position. Lengths the pickle declares are checked against what the file still holds
 * before anything is allocated, so a corrupt length fails as a truncated file rather than exhausting memory.
 */
final class PickleInput {
    private static final int MAX_LINE = 256;

    private final InputStream in;
    private final long size;
    private long position;

    /** @param size the number of bytes {@code in} holds */
    PickleInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    long position() {
        return position;
    }

    int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the file ends at byte " + position + " before the pickle's STOP opcode");
        }
        position++;
        return b;
    }

    int u16() throws IOException {
        return littleEndian(2).getShort() & 0xFFFF;
    }

    int i32() throws IOException {
        return littleEndian(4).getInt();
    }

    long u32() throws IOException {
        return littleEndian(4).getInt() & 0xFFFF_FFFFL;
    }

    long i64() throws IOException {
        return littleEndian(8).getLong();
    }

    /** An 8-byte big-endian IEEE double, as BINFLOAT stores it. */
    double binaryFloat() throws IOException {
        return ByteBuffer.wrap(bytes(8)).getDouble();
    }

    byte[] bytes(long count) throws IOException {
        require(count);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a value of " + count + " bytes is too long for a str");
        }
        byte[] bytes = in.readNBytes((int) count);
        position += bytes.length;
        if (bytes.length < count) {
            throw new EOFException("the file ends at byte " + position + " inside a value of " + count + " bytes");
        }
        return bytes;
    }

    ByteData data(long count) throws IOException {
        require(count);
        ByteData data = ByteData.read(in, count);
        position += count;
        return data;
    }

    String utf8(long count) throws IOException {
        return new String(bytes(count), StandardCharsets.UTF_8);
    }

    /** A line of text ended by {@code \n}, as GLOBAL writes a module and a name. */
    String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = u8(); b != '\n'; b = u8()) {
            if (line.length() == MAX_LINE) {
                throw new IllegalArgumentException("a GLOBAL name longer than " + MAX_LINE + " characters");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private ByteBuffer littleEndian(int count) throws IOException {
        return ByteBuffer.wrap(bytes(count)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void require(long count) throws EOFException {
        if (count < 0 || count > size - position) {
            throw new EOFException("a value of " + Long.toUnsignedString(count) + " bytes, but the file has "
                    + (size - position) + " left");
        }
    }
}
