package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.npz.DType;
import java.nio.charset.StandardCharsets;

/**
 * Pickle opcodes of protocol 4 (Python's {@code pickletools}), appended to a file's framing, with the sequences NumPy
 * 1.x writes for an array (mmsa.md section 2). No memo is used: every global is named again where it is needed.
 */
final class PickleOpcodes {
    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int MARK = '(';
    private static final int EMPTY_DICT = '}';
    private static final int SETITEMS = 'u';
    private static final int TUPLE = 't';
    private static final int TUPLE1 = 0x85;
    private static final int TUPLE3 = 0x87;
    private static final int NONE = 'N';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int SHORT_BINUNICODE = 0x8c;
    private static final int BINUNICODE = 'X';
    private static final int SHORT_BINBYTES = 'C';
    private static final int BINBYTES8 = 0x8e;
    private static final int STACK_GLOBAL = 0x93;
    private static final int REDUCE = 'R';
    private static final int BUILD = 'b';

    /** NumPy 1.x's module of {@code _reconstruct}; NumPy 2.x still loads it (through its {@code numpy.core} shim). */
    private static final String MULTIARRAY = "numpy.core.multiarray";

    private final Framing out;

    PickleOpcodes(Framing out) {
        this.out = out;
    }

    PickleOpcodes protocol4() {
        out.u8(PROTO).u8(4);
        return this;
    }

    PickleOpcodes stop() {
        return op(STOP);
    }

    PickleOpcodes mark() {
        return op(MARK);
    }

    PickleOpcodes emptyDict() {
        return op(EMPTY_DICT);
    }

    /** Adds the key/value pairs above the last mark to the dict below it. */
    PickleOpcodes setItems() {
        return op(SETITEMS);
    }

    /** A str, UTF-8 encoded. */
    PickleOpcodes text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 256) {
            out.u8(SHORT_BINUNICODE).u8(utf8.length);
        } else {
            out.u8(BINUNICODE).u32(utf8.length);
        }
        out.bytes(utf8);
        return this;
    }

    /** An int of 32 bits: BININT1 for 0 to 255, BININT (signed) otherwise. */
    PickleOpcodes integer(int value) {
        if (value >= 0 && value < 256) {
            out.u8(BININT1).u8(value);
        } else {
            out.u8(BININT).u32(value);
        }
        return this;
    }

    /**
     * Opens an array, up to its data: {@code _reconstruct(numpy.ndarray, (0,), b'b')}, then the state tuple
     * {@code (1, shape, dtype, False, } and the BINBYTES8 opcode with the data's length. The caller writes the
     * {@code dataBytes} bytes (C order, little-endian), then {@link #closeArray()}.
     */
    PickleOpcodes openArray(DType dtype, int[] shape, long dataBytes) {
        global(MULTIARRAY, "_reconstruct");
        global("numpy", "ndarray");
        integer(0).op(TUPLE1);
        out.u8(SHORT_BINBYTES).u8(1).u8('b');
        op(TUPLE3).op(REDUCE);
        mark().integer(1);
        mark();
        for (int dimension : shape) {
            integer(dimension);
        }
        op(TUPLE);
        dtype(dtype);
        op(NEWFALSE);
        out.u8(BINBYTES8).u64(dataBytes);
        return this;
    }

    /** Closes the state tuple after the data and sets it on the array (BUILD). */
    PickleOpcodes closeArray() {
        return op(TUPLE).op(BUILD);
    }

    /**
     * {@code numpy.dtype(code, False, True)} with the state {@code (3, '<', None, None, None, elsize, alignment,
     * flags)}: (-1, -1, 0) for numbers, (4n, 4, 8) for n-character unicode, as NumPy pickles them.
     */
    private void dtype(DType dtype) {
        global("numpy", "dtype");
        text(NumpyCodes.code(dtype));
        op(NEWFALSE).op(NEWTRUE).op(TUPLE3).op(REDUCE);
        mark().integer(3).text("<").op(NONE).op(NONE).op(NONE);
        if (dtype.kind() == DType.Kind.UNICODE) {
            integer(dtype.itemSize()).integer(4).integer(8);
        } else {
            integer(-1).integer(-1).integer(0);
        }
        op(TUPLE).op(BUILD);
    }

    private void global(String module, String name) {
        text(module).text(name).op(STACK_GLOBAL);
    }

    private PickleOpcodes op(int opcode) {
        out.u8(opcode);
        return this;
    }
}
