package io.mosaic.runtime.assembly.yaml;

/**
 * A short, printable quotation of what an input holds, for error messages. An error names the file and line and says
 * what was expected; it quotes at most {@value #MAX_CODE_POINTS} characters of what was found, with control
 * characters escaped, so that naming a file that is not an assembly (say {@code /etc/shadow}) never prints its
 * contents.
 */
public final class Fragment {
    /** The most characters of a value an error message quotes. */
    public static final int MAX_CODE_POINTS = 40;
    private static final String ELLIPSIS = "…";

    private Fragment() {
    }

    /** The most characters of a library's message (a YAML parser's) an error message repeats. */
    public static final int MAX_MESSAGE_CODE_POINTS = 200;

    /** {@code text} in single quotes, cut to {@value #MAX_CODE_POINTS} characters (then ending in an ellipsis). */
    public static String quote(String text) {
        return "'" + of(text) + "'";
    }

    /** {@code text} cut to {@value #MAX_CODE_POINTS} characters, control and format characters escaped. */
    public static String of(String text) {
        return cut(text, MAX_CODE_POINTS);
    }

    /**
     * A message from a library that may quote the input (a parser's "found undefined alias ..."), cut to
     * {@value #MAX_MESSAGE_CODE_POINTS} characters, control characters escaped.
     */
    public static String bounded(String message) {
        return cut(String.valueOf(message), MAX_MESSAGE_CODE_POINTS);
    }

    private static String cut(String text, int max) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        for (int count = 0; index < text.length() && count < max; count++) {
            int codePoint = text.codePointAt(index);
            escape(codePoint, out);
            index += Character.charCount(codePoint);
        }
        return index < text.length() ? out.append(ELLIPSIS).toString() : out.toString();
    }

    private static void escape(int codePoint, StringBuilder out) {
        switch (codePoint) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                int type = Character.getType(codePoint);
                boolean invisible = type == Character.CONTROL || type == Character.FORMAT
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                        || type == Character.SURROGATE || type == Character.UNASSIGNED;
                if (invisible) {
                    out.append(String.format("\\u%04x", codePoint));
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
        }
    }
}
