package io.mosaic.runtime.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's per-epoch log, {@code epochs.csv}, as read back: a header and one row per epoch. Its cells hold no commas,
 * so a line splits on them; an empty cell is a number the epoch did not have.
 *
 * @param source names the log in error messages
 */
public record EpochTable(String source, List<String> header, List<List<String>> rows) {

    public EpochTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** The log of {@code run}. */
    public static EpochTable of(RunFolder run) {
        return parse(run.readText(RunFolder.EPOCHS), run.path().resolve(RunFolder.EPOCHS).toString());
    }

    /**
     * The log in {@code csv}.
     *
     * @param source names the text in error messages
     * @throws IllegalArgumentException when the text has no header or a row has another number of cells
     */
    public static EpochTable parse(String csv, String source) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; expected a header and one row per epoch");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = Arrays.asList(line.split(",", -1));
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(source + ": row '" + line + "' has " + row.size()
                        + " cells, the header " + header.size());
            }
            rows.add(row);
        }
        return new EpochTable(source, header, rows);
    }

    /**
     * The values of {@code column}, one per epoch, {@code NaN} for an empty cell.
     *
     * @throws IllegalArgumentException naming the columns there are when there is no such column
     */
    public List<Double> numbers(String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(source + " has no column '" + column + "'; its columns are "
                    + header);
        }
        return rows.stream().map(row -> row.get(index).isEmpty() ? Double.NaN : Double.parseDouble(row.get(index)))
                .toList();
    }
}
