package io.mosaic.runtime.history;

import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Results in the wide layout of MMSA's result tables, for papers and spreadsheets: one row per completed run or seed
 * group, one column per test metric. The columns are {@code name}, {@code assembly}, {@code seeds} (how many runs the
 * row summarises), {@code selection} (the selection metric), then for every test metric {@code <metric>} (the mean
 * over the seeds; a run's own value) and {@code <metric>_std} (the population standard deviation over the seeds, as
 * MMSA reports; empty for a single run). A metric a row does not report is an empty cell.
 */
public final class ResultsCsv {

    private ResultsCsv() {
    }

    /** The table's rows, the header first, of the completed runs and groups among {@code runs}, in their order. */
    public static List<List<String>> rows(List<PastRun> runs) {
        List<PastRun> completed = runs.stream().filter(run -> !run.test().isEmpty()).toList();
        Set<String> metrics = new LinkedHashSet<>();
        completed.forEach(run -> metrics.addAll(run.test().keySet()));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("name", "assembly", "seeds", "selection"));
        metrics.forEach(metric -> {
            header.add(metric);
            header.add(metric + "_std");
        });
        rows.add(header);
        for (PastRun run : completed) {
            List<String> row = new ArrayList<>(List.of(text(run.name()), text(run.assembly()),
                    Integer.toString(run.test().values().iterator().next().size()), text(run.selection())));
            for (String metric : metrics) {
                List<Double> values = run.test().get(metric);
                MeanStd value = values == null ? null : MeanStd.of(values);
                row.add(value == null ? "" : number(value.mean()));
                row.add(value == null || !run.group() ? "" : number(value.std()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Writes the rows of {@code runs} to {@code file}, atomically. */
    public static void write(Path file, List<PastRun> runs) {
        StringBuilder csv = new StringBuilder();
        for (List<String> row : rows(runs)) {
            csv.append(String.join(",", row.stream().map(ResultsCsv::cell).toList())).append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    /**
     * A name as a spreadsheet cell: one that starts like a formula ({@code = + - @}) is prefixed with {@code '}, so
     * that a spreadsheet shows a planted name rather than evaluating it.
     */
    private static String text(String name) {
        return !name.isEmpty() && "=+-@".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
    }

    /** RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled. */
    private static String cell(String value) {
        return value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
