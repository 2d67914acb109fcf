package io.mosaic.runtime.report;

import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.SweepSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers the run report's charts are drawn from, embedded in the page as JSON.
 *
 * @param epochs         the epochs of {@code epochs.csv}
 * @param stageStarts    the epochs where a new stage begins (the first stage's start excluded), marked on the curves
 * @param losses         per epoch: {@code train_loss}, {@code valid_loss} and each objective's unweighted value
 *                       ({@code objective_<name>}), {@code NaN} where an epoch did not have it
 * @param selection      the column of the selection metric in {@code epochs.csv} ({@code valid_<metric>}), or null
 *                       when the log lacks it
 * @param selectionCurve its value per epoch
 * @param bestEpoch      the selected epoch, or null when the run did not complete
 * @param sweeps         the run's sweeps, by protocol
 * @param scatter        for regression, the test split's true and predicted scores; null otherwise
 * @param confusion      for a class task, the test split's confusion matrix; null otherwise
 */
public record RunPageData(List<Integer> epochs, List<Integer> stageStarts, Map<String, List<Double>> losses,
                          String selection, List<Double> selectionCurve, Integer bestEpoch,
                          Map<String, SweepSummary> sweeps, Scatter scatter, Confusion confusion) {

    /** Per test sample, its true score and the predicted one. */
    public record Scatter(List<Double> truth, List<Double> predicted) {
    }

    static RunPageData of(RunContents run) {
        List<Integer> epochs = new ArrayList<>();
        List<Integer> stageStarts = new ArrayList<>();
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        String selection = null;
        List<Double> selectionCurve = List.of();
        if (run.epochs().isPresent()) {
            EpochTable table = run.epochs().get();
            table.numbers("epoch").forEach(e -> epochs.add(e.intValue()));
            int stage = table.header().indexOf("stage");
            for (int r = 1; r < table.rows().size() && stage >= 0; r++) {
                if (!table.rows().get(r).get(stage).equals(table.rows().get(r - 1).get(stage))) {
                    stageStarts.add(epochs.get(r));
                }
            }
            for (String column : table.header()) {
                if (isLoss(column)) {
                    losses.put(column, table.numbers(column));
                }
            }
            String column = run.selection().map(metric -> "valid_" + metric).orElse("");
            if (table.header().contains(column)) {
                selection = column;
                selectionCurve = table.numbers(column);
            }
        }
        int classes = run.classes();
        List<Prediction> test = run.clean(Dataset.TEST);
        Scatter scatter = null;
        Confusion confusion = null;
        if (!test.isEmpty() && classes == 0) {
            scatter = new Scatter(test.stream().map(Prediction::label).toList(),
                    test.stream().map(Prediction::prediction).toList());
        } else if (!test.isEmpty()) {
            confusion = Confusion.of(test, classes);
        }
        return new RunPageData(epochs, stageStarts, losses, selection, selectionCurve,
                run.summary().map(s -> s.bestEpoch()).orElse(null),
                run.summary().map(s -> s.sweeps()).orElse(Map.of()), scatter, confusion);
    }

    /** Whether the column of {@code epochs.csv} is a loss: the training or validation loss, or an objective's. */
    static boolean isLoss(String column) {
        return column.equals("train_loss") || column.equals("valid_loss") || column.startsWith("objective_");
    }
}
