package io.mosaic.itests.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A run's {@code epochs.csv}: a header and one row per epoch. Its cells hold no commas, so a line splits on them.
 */
public record EpochTable(List<String> header, List<List<String>> rows) {

    /**
     * The columns that measure the machine (time, resident memory), which differ between two runs that compute the
     * same numbers.
     */
    public static final Set<String> TIMING = Set.of("seconds", "samples_per_second", "resident_mb");

    public static EpochTable parse(String csv) {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("epochs.csv is empty; expected a header and one row per epoch");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = Arrays.asList(line.split(",", -1));
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("epochs.csv row '" + line + "' has " + row.size()
                        + " cells; the header has " + header.size());
            }
            rows.add(List.copyOf(row));
        }
        return new EpochTable(header, List.copyOf(rows));
    }

    /** The values of {@code column}, one per epoch. */
    public List<Double> numbers(String column) {
        return cells(column).stream().map(Double::parseDouble).toList();
    }

    /** The cells of {@code column} as written, one per epoch (empty where an epoch has no value). */
    public List<String> cells(String column) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("epochs.csv has no column '" + column + "'; columns: " + header);
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }

    /** The same table without the {@link #TIMING} (machine) columns: what two runs of one assembly and seed share. */
    public EpochTable withoutTiming() {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!TIMING.contains(header.get(i))) {
                kept.add(i);
            }
        }
        return new EpochTable(kept.stream().map(header::get).toList(),
                rows.stream().map(row -> kept.stream().map(row::get).toList()).toList());
    }
}
