package io.mosaic.runtime.compare;

import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.RunFolder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * An assembly's training epoch by epoch, averaged over its seeds' {@code epochs.csv}: the training loss and the
 * validation selection metric. A seed that stopped early leaves the later epochs' means to the seeds that reached
 * them.
 *
 * @param selection      the selection metric, {@code valid_<selection>} in {@code epochs.csv}
 * @param epochs         1-based, every epoch that at least one seed reached, in order
 * @param trainLoss      per epoch, the mean over the seeds that logged it; {@code null} where none did
 * @param validSelection the same for the selection metric on the validation split
 * @param seeds          per epoch, how many seeds reached it
 */
public record TrainingCurve(String selection, List<Integer> epochs, List<Double> trainLoss,
                            List<Double> validSelection, List<Integer> seeds) {
    private static final String EPOCH = "epoch";
    private static final String TRAIN_LOSS = "train_loss";
    private static final String VALID = "valid_";

    /** The curve of the runs of one assembly, which select on the same metric. */
    public static TrainingCurve of(List<RunFolder> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a training curve needs at least one run, found none");
        }
        return of(runs.get(0).summary().selection(), runs.stream().map(EpochTable::of).toList());
    }

    /** The curve of the epoch logs {@code seeds}, one per seed. */
    public static TrainingCurve of(String selection, List<EpochTable> seeds) {
        Map<Integer, List<Double>> loss = new TreeMap<>();
        Map<Integer, List<Double>> metric = new TreeMap<>();
        for (EpochTable seed : seeds) {
            List<Double> epochs = seed.numbers(EPOCH);
            List<Double> seedLoss = seed.numbers(TRAIN_LOSS);
            List<Double> seedMetric = seed.numbers(VALID + selection);
            for (int row = 0; row < epochs.size(); row++) {
                int epoch = epochs.get(row).intValue();
                loss.computeIfAbsent(epoch, e -> new ArrayList<>()).add(seedLoss.get(row));
                metric.computeIfAbsent(epoch, e -> new ArrayList<>()).add(seedMetric.get(row));
            }
        }
        return new TrainingCurve(selection, List.copyOf(loss.keySet()), means(loss), means(metric),
                loss.values().stream().map(List::size).toList());
    }

    /** Per epoch, the mean of the numbers (NaN, an empty cell, left out); {@code null} where none is a number. */
    private static List<Double> means(Map<Integer, List<Double>> byEpoch) {
        List<Double> means = new ArrayList<>();
        for (List<Double> values : byEpoch.values()) {
            OptionalDouble mean = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v))
                    .average();
            means.add(mean.isPresent() ? mean.getAsDouble() : null);
        }
        return Collections.unmodifiableList(means);
    }
}
