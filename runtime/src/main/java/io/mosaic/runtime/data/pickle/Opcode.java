package io.mosaic.runtime.data.pickle;

/**
 * The pickle opcodes (Python's {@code pickletools}), each with how the safe unpickler treats it. Opcodes it does not
 * run are named so that the error says which one a file used.
 */
enum Opcode {
    // Executed: the opcodes Python 3's pickler writes for plain values and NumPy's globals (protocols 2 to 5).
    PROTO(0x80, Use.RUN), FRAME(0x95, Use.RUN), STOP('.', Use.RUN),
    MARK('(', Use.RUN), POP('0', Use.RUN), POP_MARK('1', Use.RUN), DUP('2', Use.RUN),
    NONE('N', Use.RUN), NEWTRUE(0x88, Use.RUN), NEWFALSE(0x89, Use.RUN),
    BININT('J', Use.RUN), BININT1('K', Use.RUN), BININT2('M', Use.RUN),
    LONG1(0x8a, Use.RUN), LONG4(0x8b, Use.RUN), BINFLOAT('G', Use.RUN),
    BINUNICODE('X', Use.RUN), SHORT_BINUNICODE(0x8c, Use.RUN), BINUNICODE8(0x8d, Use.RUN),
    BINBYTES('B', Use.RUN), SHORT_BINBYTES('C', Use.RUN), BINBYTES8(0x8e, Use.RUN),
    BYTEARRAY8(0x96, Use.RUN), READONLY_BUFFER(0x98, Use.RUN),
    EMPTY_TUPLE(')', Use.RUN), TUPLE('t', Use.RUN), TUPLE1(0x85, Use.RUN), TUPLE2(0x86, Use.RUN),
    TUPLE3(0x87, Use.RUN),
    EMPTY_LIST(']', Use.RUN), APPEND('a', Use.RUN), APPENDS('e', Use.RUN),
    EMPTY_DICT('}', Use.RUN), SETITEM('s', Use.RUN), SETITEMS('u', Use.RUN),
    MEMOIZE(0x94, Use.RUN), BINPUT('q', Use.RUN), LONG_BINPUT('r', Use.RUN),
    BINGET('h', Use.RUN), LONG_BINGET('j', Use.RUN),
    GLOBAL('c', Use.RUN), STACK_GLOBAL(0x93, Use.RUN), REDUCE('R', Use.RUN), BUILD('b', Use.RUN),
    // Object construction: NEWOBJ only of joblib's array wrapper (the machine refuses every other class).
    NEWOBJ(0x81, Use.RUN),
    // Other object construction, persistent ids and the extension registry: they may run code.
    INST('i', Use.REFUSE), OBJ('o', Use.REFUSE), NEWOBJ_EX(0x92, Use.REFUSE),
    PERSID('P', Use.REFUSE), BINPERSID('Q', Use.REFUSE),
    EXT1(0x82, Use.REFUSE), EXT2(0x83, Use.REFUSE), EXT4(0x84, Use.REFUSE),
    // Out-of-band buffers, sets, Python 2 strings and the text opcodes of protocols 0 and 1.
    NEXT_BUFFER(0x97, Use.UNSUPPORTED),
    EMPTY_SET(0x8f, Use.UNSUPPORTED), ADDITEMS(0x90, Use.UNSUPPORTED), FROZENSET(0x91, Use.UNSUPPORTED),
    BINSTRING('T', Use.UNSUPPORTED), SHORT_BINSTRING('U', Use.UNSUPPORTED),
    INT('I', Use.UNSUPPORTED), LONG('L', Use.UNSUPPORTED), FLOAT('F', Use.UNSUPPORTED),
    STRING('S', Use.UNSUPPORTED), UNICODE('V', Use.UNSUPPORTED), DICT('d', Use.UNSUPPORTED),
    LIST('l', Use.UNSUPPORTED), GET('g', Use.UNSUPPORTED), PUT('p', Use.UNSUPPORTED);

    /** How the unpickler treats an opcode. */
    enum Use {
        /** Executed. */
        RUN,
        /** Refused: it constructs objects or looks up code. */
        REFUSE,
        /** Not read: nothing a data file Mosaic reads needs it. */
        UNSUPPORTED
    }

    private static final Opcode[] BY_CODE = new Opcode[256];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;
    private final Use use;

    Opcode(int code, Use use) {
        this.code = code;
        this.use = use;
    }

    /** The opcode of byte {@code code}, or {@code null} when pickle has none. */
    static Opcode of(int code) {
        return BY_CODE[code];
    }

    Use use() {
        return use;
    }

    /** The name and byte, e.g. {@code REDUCE ('R')} or {@code PROTO (0x80)}. */
    String describe() {
        boolean printable = code >= 0x20 && code < 0x7f;
        return name() + " (" + (printable ? "'" + (char) code + "'" : "0x" + Integer.toHexString(code)) + ")";
    }
}
