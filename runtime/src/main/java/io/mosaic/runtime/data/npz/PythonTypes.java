package io.mosaic.runtime.data.npz;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Names the Python type of a value as Mosaic's readers hold it, for error messages. */
public final class PythonTypes {

    private PythonTypes() {
    }

    /** {@code None}, {@code str}, {@code int}, ..., or the array's type and shape. */
    public static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof NdArray array) {
            return "a numpy array " + array.describe();
        }
        if (value instanceof String) {
            return "a str";
        }
        if (value instanceof Boolean) {
            return "a bool";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "an int";
        }
        if (value instanceof Double) {
            return "a float";
        }
        if (value instanceof ByteData) {
            return "a bytes object";
        }
        if (value instanceof List<?> list) {
            return "a list of " + list.size();
        }
        if (value instanceof Map<?, ?>) {
            return "a dict";
        }
        return "a " + value.getClass().getSimpleName() + " object";
    }
}
