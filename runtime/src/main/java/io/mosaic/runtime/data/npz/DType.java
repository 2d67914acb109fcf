package io.mosaic.runtime.data.npz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy element type Mosaic reads: little-endian float32, float64, int32, int64, bool, fixed-width unicode
 * ({@code <U n}, UCS-4) and object (whose elements must be {@code str}).
 *
 * @param kind     what the elements are
 * @param itemSize bytes per element (4 per character for unicode, 8 for object references)
 */
public record DType(Kind kind, int itemSize) {

    /** The element kinds. */
    public enum Kind { BOOL, INT, FLOAT, UNICODE, OBJECT }

    public static final DType BOOL = new DType(Kind.BOOL, 1);
    public static final DType INT32 = new DType(Kind.INT, 4);
    public static final DType INT64 = new DType(Kind.INT, 8);
    public static final DType FLOAT32 = new DType(Kind.FLOAT, 4);
    public static final DType FLOAT64 = new DType(Kind.FLOAT, 8);
    public static final DType OBJECT = new DType(Kind.OBJECT, 8);

    private static final String SUPPORTED = "float32 (<f4), float64 (<f8), int32 (<i4), int64 (<i8), bool (|b1), "
            + "unicode (<U n) and object arrays of str";
    private static final Pattern TYPE_STRING = Pattern.compile("([<>|=]?)([a-zA-Z?])(\\d{0,9})");

    /**
     * The type of a NumPy type string with its byte order, as in an {@code .npy} header: {@code <f4}, {@code |b1},
     * {@code <U16}, {@code |O}.
     *
     * @throws IllegalArgumentException naming the supported types when {@code typeString} is another type or
     *                                  big-endian
     */
    public static DType parse(String typeString) {
        Matcher m = TYPE_STRING.matcher(typeString);
        if (!m.matches()) {
            throw unsupported(typeString);
        }
        return of(m.group(1).isEmpty() ? '|' : m.group(1).charAt(0), m.group(2) + m.group(3));
    }

    /**
     * The type of a pickled {@code numpy.dtype(code)} whose state gives {@code byteOrder} ({@code <}, {@code >},
     * {@code |} for "not applicable" or {@code =} for native, which NumPy only writes for little-endian data here).
     */
    public static DType of(char byteOrder, String code) {
        Matcher m = TYPE_STRING.matcher(code);
        if (!m.matches() || !m.group(1).isEmpty()) {
            throw unsupported(byteOrder + code);
        }
        String kind = m.group(2);
        String size = m.group(3);
        DType type = switch (kind) {
            case "f" -> size.equals("4") ? FLOAT32 : size.equals("8") ? FLOAT64 : null;
            case "i" -> size.equals("4") ? INT32 : size.equals("8") ? INT64 : null;
            case "b", "?" -> size.isEmpty() || size.equals("1") ? BOOL : null;
            case "O" -> size.isEmpty() || size.equals("8") ? OBJECT : null;
            case "U" -> unicode(size);
            default -> null;
        };
        if (type == null || byteOrder == '>' && type.itemSize > 1 && type.kind != Kind.OBJECT) {
            throw unsupported(byteOrder + code);
        }
        return type;
    }

    private static DType unicode(String characters) {
        if (characters.isEmpty()) {
            return null;
        }
        int width = Integer.parseInt(characters);
        return width < 1 || width > Integer.MAX_VALUE / 4 ? null : new DType(Kind.UNICODE, 4 * width);
    }

    private static IllegalArgumentException unsupported(String typeString) {
        return new IllegalArgumentException("unsupported NumPy dtype '" + typeString + "'; supported: " + SUPPORTED);
    }

    /** Whether elements are numbers (booleans count as 0 and 1). */
    public boolean isNumeric() {
        return kind == Kind.BOOL || kind == Kind.INT || kind == Kind.FLOAT;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BOOL -> "bool";
            case INT -> "int" + 8 * itemSize;
            case FLOAT -> "float" + 8 * itemSize;
            case UNICODE -> "<U" + itemSize / 4;
            case OBJECT -> "object";
        };
    }
}
