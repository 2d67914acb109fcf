package io.mosaic.runtime.data.export;

import java.io.ByteArrayOutputStream;

/** The bytes a file format writes around the arrays' payloads, appended little-endian. */
final class Framing {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int size() {
        return bytes.size();
    }

    Framing u8(int value) {
        bytes.write(value);
        return this;
    }

    Framing u16(int value) {
        return u8(value).u8(value >>> 8);
    }

    Framing u32(long value) {
        return u16((int) value).u16((int) (value >>> 16));
    }

    Framing u64(long value) {
        return u32(value).u32(value >>> 32);
    }

    Framing bytes(byte[] values) {
        bytes.writeBytes(values);
        return this;
    }

    /** The bytes so far, which are then cleared. */
    byte[] take() {
        byte[] taken = bytes.toByteArray();
        bytes.reset();
        return taken;
    }
}
