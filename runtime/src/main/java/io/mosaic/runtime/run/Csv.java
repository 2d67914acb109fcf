package io.mosaic.runtime.run;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it: a cell holding a comma, a double quote, a carriage return or a line feed is quoted, its
 * quotes doubled; any other cell is written as it is. Reading undoes exactly that, so any text (a sample id with a
 * newline in it) comes back unchanged.
 */
public final class Csv {

    private Csv() {
    }

    /** {@code text} as one cell. */
    public static String cell(String text) {
        boolean quoted = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return quoted ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** {@code rows} as CSV text, each row ended by a line feed. */
    public static String text(List<List<String>> rows) {
        StringBuilder csv = new StringBuilder();
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(Csv::cell).toList())).append('\n');
        }
        return csv.toString();
    }

    /**
     * The rows of {@code csv}; a line ends with a line feed or a carriage return and line feed outside quotes.
     *
     * @param source names the text in error messages
     * @throws IllegalArgumentException naming the line when a quoted cell is not closed, or a quote stands inside an
     *                                  unquoted cell or right after a quoted one
     */
    public static List<List<String>> parse(String csv, String source) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int i = 0;
        boolean rowStarted = false;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            rowStarted = true;
            if (c == '"' && cell.isEmpty()) {
                int opened = line;
                i++;
                while (true) {
                    if (i >= csv.length()) {
                        throw new IllegalArgumentException(source + ", line " + opened + ": a quoted cell is not "
                                + "closed");
                    }
                    char q = csv.charAt(i);
                    if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        line += q == '\n' ? 1 : 0;
                        cell.append(q);
                        i++;
                    }
                }
                if (i < csv.length() && ",\r\n".indexOf(csv.charAt(i)) < 0) {
                    throw new IllegalArgumentException(source + ", line " + line + ": text after a quoted cell; "
                            + "expected a comma or the line's end");
                }
            } else if (c == '"') {
                throw new IllegalArgumentException(source + ", line " + line + ": a quote inside an unquoted cell; "
                        + "a cell holding quotes must be quoted, its quotes doubled");
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                i++;
            } else if (c == '\n' || (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n')) {
                row.add(cell.toString());
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                rowStarted = false;
                line++;
                i += c == '\r' ? 2 : 1;
            } else {
                cell.append(c);
                i++;
            }
        }
        if (rowStarted) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
