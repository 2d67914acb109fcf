package io.mosaic.runtime.report;

import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.run.Csv;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.Evaluation;
import io.mosaic.runtime.train.SweepResult;
import io.mosaic.runtime.train.TrainingResult;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code predictions.csv}: the selected checkpoint's prediction for every sample of the validation and test splits,
 * and of the test split at each level of each sweep (a run that defers its test evaluation has the validation split's
 * alone until it is evaluated). Columns: {@code sample_id, split, sweep, level, domain, label,
 * prediction}, then for a class task {@code p_0 … p_<k-1>}, each class's probability. Numbers are written exactly
 * (Java's shortest text that reads back as the same double), so the file holds the evaluation's values themselves.
 */
public final class PredictionsFile {
    public static final String FILE = "predictions.csv";
    static final List<String> COLUMNS = List.of("sample_id", "split", "sweep", "level", "domain", "label",
            "prediction");
    private static final String PROBABILITY = "p_";

    private PredictionsFile() {
    }

    /** Writes the predictions of {@code result} into {@code folder}, atomically. */
    public static void write(RunFolder folder, TrainingResult result) {
        folder.writeCsv(FILE, rows(result.valid(), result.test(), result.sweeps()));
    }

    /** The file's rows, the header first. */
    static List<List<String>> rows(Evaluation valid, Optional<Evaluation> test, List<SweepResult> sweeps) {
        double[][] probabilities = valid.probabilities();
        int classes = probabilities == null || probabilities.length == 0 ? 0 : probabilities[0].length;
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(COLUMNS);
        for (int c = 0; c < classes; c++) {
            header.add(PROBABILITY + c);
        }
        rows.add(header);
        add(rows, Dataset.VALID, "", "", valid);
        test.ifPresent(evaluation -> add(rows, Dataset.TEST, "", "", evaluation));
        for (SweepResult sweep : sweeps) {
            for (int r = 0; r < sweep.rates().size(); r++) {
                add(rows, Dataset.TEST, sweep.protocol(), Double.toString(sweep.rates().get(r)),
                        sweep.evaluations().get(r));
            }
        }
        return rows;
    }

    private static void add(List<List<String>> rows, String split, String sweep, String level,
                            Evaluation evaluation) {
        Evaluation.Samples samples = evaluation.samples();
        boolean classes = evaluation.probabilities() != null;
        for (int i = 0; i < samples.ids().size(); i++) {
            List<String> row = new ArrayList<>(List.of(samples.ids().get(i), split, sweep, level,
                    Integer.toString(samples.domains()[i]), number(samples.targets()[i], classes),
                    number(evaluation.predictions()[i], classes)));
            if (classes) {
                for (double p : evaluation.probabilities()[i]) {
                    row.add(Double.toString(p));
                }
            }
            rows.add(row);
        }
    }

    /** A class id as an integer, a score exactly. */
    private static String number(double value, boolean classId) {
        return classId ? Long.toString(Math.round(value)) : Double.toString(value);
    }

    /** Whether {@code folder} has predictions (runs from before they were saved, and unfinished runs, have none). */
    public static boolean exists(RunFolder folder) {
        return Files.isRegularFile(folder.path().resolve(FILE));
    }

    /**
     * The predictions in {@code folder}.
     *
     * @throws IllegalArgumentException naming the file and line when its header or a row is not as written
     */
    public static List<Prediction> read(RunFolder folder) {
        String source = folder.path().resolve(FILE).toString();
        return parse(folder.readText(FILE), source);
    }

    static List<Prediction> parse(String csv, String source) {
        List<List<String>> rows = Csv.parse(csv, source);
        if (rows.isEmpty() || rows.get(0).size() < COLUMNS.size()
                || !rows.get(0).subList(0, COLUMNS.size()).equals(COLUMNS)) {
            throw new IllegalArgumentException(source + ": expected the header " + String.join(",", COLUMNS)
                    + "[,p_0,…]" + (rows.isEmpty() ? ", found an empty file" : ""));
        }
        List<String> header = rows.get(0);
        int classes = header.size() - COLUMNS.size();
        for (int c = 0; c < classes; c++) {
            if (!header.get(COLUMNS.size() + c).equals(PROBABILITY + c)) {
                throw new IllegalArgumentException(source + ": column " + (COLUMNS.size() + c + 1) + " of the "
                        + "header should be " + PROBABILITY + c);
            }
        }
        List<Prediction> predictions = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String where = source + ", row " + (r + 1);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(where + " has " + row.size() + " cells, the header "
                        + header.size());
            }
            double[] probabilities = new double[classes];
            for (int c = 0; c < classes; c++) {
                probabilities[c] = number(row.get(COLUMNS.size() + c), where, PROBABILITY + c);
            }
            predictions.add(new Prediction(row.get(0), row.get(1), row.get(2),
                    row.get(3).isEmpty() ? Double.NaN : number(row.get(3), where, "level"),
                    (int) number(row.get(4), where, "domain"), number(row.get(5), where, "label"),
                    number(row.get(6), where, "prediction"), probabilities));
        }
        return predictions;
    }

    private static double number(String cell, String where, String column) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + column + " is not a number");
        }
    }
}
