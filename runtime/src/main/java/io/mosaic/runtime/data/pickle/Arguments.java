package io.mosaic.runtime.data.pickle;

import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.PythonTypes;
import java.util.List;

/** Reads the arguments (or state tuple) a pickle passes to an allowed global, naming what it expected. */
final class Arguments {
    private final String what;
    private final List<?> values;

    private Arguments(String what, List<?> values) {
        this.what = what;
        this.values = values;
    }

    /**
     * @param what   how errors name the values, e.g. {@code numpy.dtype's arguments}
     * @param counts the accepted numbers of values
     */
    static Arguments of(String what, Object values, int... counts) {
        if (!(values instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " must be a tuple, found " + PythonTypes.of(values));
        }
        for (int count : counts) {
            if (list.size() == count) {
                return new Arguments(what, list);
            }
        }
        throw new IllegalArgumentException(what + " must have " + describe(counts) + " values, found " + list.size());
    }

    Object get(int index) {
        return values.get(index);
    }

    <T> T get(int index, Class<T> type, String expected) {
        Object value = values.get(index);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(what + " [" + index + "] must be " + expected + ", found "
                    + PythonTypes.of(value));
        }
        return type.cast(value);
    }

    String string(int index) {
        return get(index, String.class, "a str");
    }

    boolean bool(int index) {
        return get(index, Boolean.class, "a bool");
    }

    DType dtype(int index) {
        return get(index, DType.class, "a numpy.dtype");
    }

    void requireNone(int index, String meaning) {
        if (values.get(index) != null) {
            throw new IllegalArgumentException(what + " [" + index + "] is " + PythonTypes.of(values.get(index))
                    + ": " + meaning + " are not supported");
        }
    }

    /** A shape: a tuple of non-negative ints. */
    int[] shape(int index) {
        List<?> dims = get(index, List.class, "a shape tuple");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " [" + index + "] must be a shape of non-negative ints, "
                        + "found " + PythonTypes.of(dims.get(i)) + " at " + i);
            }
            shape[i] = (int) (long) d;
        }
        return shape;
    }

    private static String describe(int[] counts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            text.append(i == 0 ? "" : " or ").append(counts[i]);
        }
        return text.toString();
    }
}
