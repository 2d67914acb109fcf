package io.mosaic.runtime.data.pickle;

import io.mosaic.runtime.data.npz.PythonTypes;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one pickle (protocols 2 to 5) on a stack, like Python's unpickler, but only with the opcodes that build plain
 * values and only calling the {@link PickleCallable}s of allowed globals. Python values become: dict →
 * {@link LinkedHashMap}, list → {@link ArrayList}, tuple → unmodifiable {@link List}, str → {@link String}, bytes
 * and bytearray → {@link io.mosaic.runtime.data.npz.ByteData}, int → {@link Long} (or {@link BigInteger} beyond 64
 * bits), float → {@link Double}, bool → {@link Boolean}, None → {@code null}.
 */
final class PickleMachine {
    private static final int MAX_LONG_BYTES = 1 << 16;
    /** First bytes of joblib's compressors: zlib, gzip, bz2, xz, lzma, lz4, and joblib 0.9's 'ZF'. */
    private static final String COMPRESSED = "\u0078\u001f\u0042\u00fd\u005d\u0004\u005a";

    private final PickleInput input;
    private final Map<String, PickleCallable> allowed;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long opcodeAt;
    private Opcode opcode;

    PickleMachine(PickleInput input, Map<String, PickleCallable> allowed) {
        this.input = input;
        this.allowed = allowed;
    }

    /** Where the opcode that is running (or failed) starts, and which it is, for error messages. */
    String location() {
        return "byte " + opcodeAt + (opcode == null ? "" : " (" + opcode.describe() + ")");
    }

    /** Runs the pickle to its STOP opcode and returns the value it built. */
    Object run() throws IOException {
        int first = input.u8();
        if (first != 0x80) {
            throw new IllegalArgumentException(String.format("not a pickle of protocol 2 to 5: the file starts "
                    + "with byte 0x%02x, not the PROTO opcode 0x80%s", first, COMPRESSED.indexOf(first) >= 0
                    ? " (a compressed joblib file? joblib.dump it with compress=0)" : ""));
        }
        protocol();
        while (true) {
            opcode = null;
            opcodeAt = input.position();
            int code = input.u8();
            opcode = Opcode.of(code);
            if (opcode == null) {
                throw new IllegalArgumentException(String.format("0x%02x is not a pickle opcode", code));
            }
            if (opcode.use() == Opcode.Use.REFUSE) {
                throw new IllegalArgumentException("refused opcode " + opcode.describe() + ": a data file may "
                        + "only hold dicts, lists, tuples, str, bytes, numbers, booleans, None and numpy arrays");
            }
            if (opcode.use() == Opcode.Use.UNSUPPORTED) {
                throw new IllegalArgumentException("unsupported opcode " + opcode.describe() + ": out-of-band "
                        + "buffers, sets, Python 2 strings and pickle protocols 0 and 1 are not read");
            }
            if (opcode == Opcode.STOP) {
                return pop();
            }
            execute(opcode);
        }
    }

    private void execute(Opcode op) throws IOException {
        switch (op) {
            case PROTO -> protocol();
            case FRAME -> input.i64();
            case MARK -> marks.push(stack.size());
            case POP -> pop();
            case POP_MARK -> popMark();
            case DUP -> push(peek());
            case NONE -> push(null);
            case NEWTRUE -> push(Boolean.TRUE);
            case NEWFALSE -> push(Boolean.FALSE);
            case BININT -> push((long) input.i32());
            case BININT1 -> push((long) input.u8());
            case BININT2 -> push((long) input.u16());
            case LONG1 -> push(integer(input.u8()));
            case LONG4 -> push(integer(input.i32()));
            case BINFLOAT -> push(input.binaryFloat());
            case BINUNICODE -> push(input.utf8(input.u32()));
            case SHORT_BINUNICODE -> push(input.utf8(input.u8()));
            case BINUNICODE8 -> push(input.utf8(input.i64()));
            case BINBYTES -> push(input.data(input.u32()));
            case SHORT_BINBYTES -> push(input.data(input.u8()));
            case BINBYTES8, BYTEARRAY8 -> push(input.data(input.i64()));
            case READONLY_BUFFER -> peek();
            case EMPTY_TUPLE -> push(List.of());
            case TUPLE -> push(tuple(popMark()));
            case TUPLE1 -> push(tuple(popMany(1)));
            case TUPLE2 -> push(tuple(popMany(2)));
            case TUPLE3 -> push(tuple(popMany(3)));
            case EMPTY_LIST -> push(new ArrayList<>());
            case APPEND -> append();
            case APPENDS -> appends();
            case EMPTY_DICT -> push(new LinkedHashMap<>());
            case SETITEM -> setItems(popMany(2));
            case SETITEMS -> setItems(popMark());
            case MEMOIZE -> memo.put((long) memo.size(), peek());
            case BINPUT -> memo.put((long) input.u8(), peek());
            case LONG_BINPUT -> memo.put(input.u32(), peek());
            case BINGET -> push(memoized(input.u8()));
            case LONG_BINGET -> push(memoized(input.u32()));
            case GLOBAL -> push(global(input.line(), input.line()));
            case STACK_GLOBAL -> stackGlobal();
            case REDUCE -> reduce();
            case NEWOBJ -> newObject();
            case BUILD -> build();
            default -> throw new IllegalStateException(op + " has no handler");
        }
    }

    private void protocol() throws IOException {
        int protocol = input.u8();
        if (protocol < 2 || protocol > 5) {
            throw new IllegalArgumentException("pickle protocol " + protocol + " is not supported (2 to 5 are)");
        }
    }

    /** A LONG1/LONG4 integer: {@code length} bytes of little-endian two's complement. */
    private Object integer(long length) throws IOException {
        if (length < 0 || length > MAX_LONG_BYTES) {
            throw new IllegalArgumentException("an int of " + length + " bytes is not accepted");
        }
        byte[] littleEndian = input.bytes(length);
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private PickleGlobal global(String module, String name) {
        String qualified = module + "." + name;
        PickleCallable callable = allowed.get(qualified);
        if (callable == null) {
            throw new IllegalArgumentException("refused pickled global '" + qualified + "': a data file may only "
                    + "name the numpy array globals (numpy.dtype, numpy.ndarray, numpy[._]core.multiarray."
                    + "_reconstruct/scalar, numpy[._]core.numeric._frombuffer), _codecs.encode and joblib's "
                    + JoblibArray.WRAPPER + "; it must never run code");
        }
        return new PickleGlobal(qualified, callable);
    }

    private void stackGlobal() {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw new IllegalArgumentException("STACK_GLOBAL needs a module and a name as str, found "
                    + PythonTypes.of(module) + " and " + PythonTypes.of(name));
        }
        push(global(m, n));
    }

    private void reduce() {
        Object args = pop();
        Object callable = pop();
        if (!(callable instanceof PickleGlobal global)) {
            throw new IllegalArgumentException("REDUCE calls " + PythonTypes.of(callable) + ", not an allowed global");
        }
        if (!(args instanceof List<?> arguments)) {
            throw new IllegalArgumentException("REDUCE of " + global.name() + " needs a tuple of arguments, found "
                    + PythonTypes.of(args));
        }
        try {
            push(global.callable().call(Collections.unmodifiableList(arguments)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(global.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * NEWOBJ: {@code cls.__new__(cls, *args)}, only for joblib's array wrapper; every other class is refused (a
     * global outside the allowed ones already was when the pickle named it).
     */
    private void newObject() {
        Object args = pop();
        Object type = pop();
        if (!(type instanceof PickleGlobal global) || !global.name().equals(JoblibArray.WRAPPER)) {
            throw new IllegalArgumentException("NEWOBJ constructs " + PythonTypes.of(type) + "; only joblib's "
                    + JoblibArray.WRAPPER + " is constructed");
        }
        if (!(args instanceof List<?> arguments)) {
            throw new IllegalArgumentException("NEWOBJ of " + global.name() + " needs a tuple of arguments, found "
                    + PythonTypes.of(args));
        }
        push(JoblibArray.construct(Collections.unmodifiableList(arguments)));
    }

    /**
     * BUILD sets the state of the object below it in place; the stack then holds the finished value. A joblib
     * array's data follows its BUILD in the file and is read here, as joblib's unpickler does.
     */
    private void build() throws IOException {
        Object state = pop();
        Object target = peek();
        if (!(target instanceof Buildable buildable)) {
            throw new IllegalArgumentException("BUILD sets the state of " + PythonTypes.of(target)
                    + "; only numpy.dtype, numpy arrays and joblib's array wrapper accept a state");
        }
        buildable.setState(state);
        if (buildable instanceof JoblibArray joblib) {
            joblib.read(input, () -> new PickleMachine(input, NumpyGlobals.ALLOWED).run());
        }
        stack.set(stack.size() - 1, buildable.built());
    }

    /** A memo entry; an object BUILD finished since it was stored is returned finished. */
    private Object memoized(long index) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("memo entry " + index + " was never stored");
        }
        Object value = memo.get(index);
        return value instanceof Buildable buildable ? buildable.built() : value;
    }

    private void append() {
        Object item = pop();
        list(peek()).add(item);
    }

    private void appends() {
        List<Object> items = popMark();
        list(peek()).addAll(items);
    }

    private void setItems(List<Object> keysAndValues) {
        if (keysAndValues.size() % 2 != 0) {
            throw new IllegalArgumentException("SETITEMS needs key/value pairs, found " + keysAndValues.size()
                    + " items");
        }
        Object target = peek();
        if (!(target instanceof LinkedHashMap<?, ?>)) {
            throw new IllegalArgumentException("SETITEM(S) on " + PythonTypes.of(target) + ", not a dict");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            Object key = keysAndValues.get(i);
            if (key != null && !(key instanceof String || key instanceof Number || key instanceof Boolean)) {
                throw new IllegalArgumentException("a dict key must be a str, int, float, bool or None, found "
                        + PythonTypes.of(key));
            }
            dict.put(key, keysAndValues.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object target) {
        if (!(target instanceof ArrayList<?>)) {
            throw new IllegalArgumentException("APPEND(S) on " + PythonTypes.of(target) + ", not a list");
        }
        return (List<Object>) target;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(Arrays.asList(items.toArray()));
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object peek() {
        return peekBelow(0);
    }

    /** The value {@code depth} places below the top of the stack (0 is the top). */
    private Object peekBelow(int depth) {
        int floor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() - depth <= floor) {
            throw new IllegalArgumentException("the pickle's stack is empty where a value is needed");
        }
        return stack.get(stack.size() - 1 - depth);
    }

    private Object pop() {
        Object value = peek();
        stack.remove(stack.size() - 1);
        return value;
    }

    private List<Object> popMany(int count) {
        peekBelow(count - 1);
        List<Object> top = stack.subList(stack.size() - count, stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("the pickle pops to a MARK it never set");
        }
        List<Object> top = stack.subList(marks.pop(), stack.size());
        List<Object> items = new ArrayList<>(top);
        top.clear();
        return items;
    }
}
