package io.mosaic.runtime.report;

import io.mosaic.runtime.metrics.SameValues;
import io.mosaic.runtime.run.EpochTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers a seed group's charts are drawn from, embedded in its page as JSON: per series of {@code epochs.csv}
 * (the training and validation loss, each objective's value, the validation selection metric), the completed seeds'
 * mean per epoch and their band, the lowest and highest seed's value (min–max, not ± std: it shows where every seed
 * was).
 *
 * @param selection the column of the selection metric ({@code valid_<metric>}), or null when no seed logged it
 * @param curves    per series, in the order of the first seed's log
 */
public record GroupPageData(String selection, List<Band> curves) {
    private static final String EPOCH = "epoch";
    private static final String VALID = "valid_";

    /**
     * One series over the seeds, epoch by epoch: a seed that stopped early leaves the later epochs to the seeds that
     * reached them; an empty cell (an epoch without the value) is left out.
     *
     * @param columns the series' columns in {@code epochs.csv}: one, or several whose values are the same in every
     *                seed's log to float precision (an only objective of weight 1 and the training loss; the
     *                validation loss and an error metric that equals it), drawn once
     * @param epochs every epoch at least one seed logged a value of the series in, in order
     * @param mean   per epoch, the mean of the seeds' values
     * @param min    per epoch, the lowest seed's value
     * @param max    per epoch, the highest seed's value
     * @param seeds  per epoch, how many seeds' values it has
     */
    public record Band(List<String> columns, List<Integer> epochs, List<Double> mean, List<Double> min,
                       List<Double> max, List<Integer> seeds) {

        /** The band of {@code column} over the logs {@code seeds}, one per seed; those without the column add none. */
        static Band of(String column, List<EpochTable> seeds) {
            Map<Integer, List<Double>> byEpoch = new TreeMap<>();
            for (EpochTable seed : seeds.stream().filter(t -> t.header().contains(column)).toList()) {
                List<Double> epochs = seed.numbers(EPOCH);
                List<Double> values = seed.numbers(column);
                for (int row = 0; row < epochs.size(); row++) {
                    if (!Double.isNaN(values.get(row))) {
                        byEpoch.computeIfAbsent(epochs.get(row).intValue(), e -> new ArrayList<>())
                                .add(values.get(row));
                    }
                }
            }
            List<Double> mean = new ArrayList<>();
            List<Double> min = new ArrayList<>();
            List<Double> max = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            byEpoch.values().forEach(values -> {
                mean.add(values.stream().mapToDouble(Double::doubleValue).sum() / values.size());
                min.add(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                max.add(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                counts.add(values.size());
            });
            return new Band(List.of(column), List.copyOf(byEpoch.keySet()), mean, min, max, counts);
        }

        /** Whether {@code other} draws the same lines as this band, to float precision ({@link SameValues}). */
        boolean sameAs(Band other) {
            return epochs.equals(other.epochs) && SameValues.same(mean, other.mean) && SameValues.same(min, other.min)
                    && SameValues.same(max, other.max);
        }

        Band alsoNamed(List<String> more) {
            List<String> all = new ArrayList<>(columns);
            all.addAll(more);
            return new Band(all, epochs, mean, min, max, seeds);
        }
    }

    /** The bands of the completed seeds of {@code group}. */
    static GroupPageData of(GroupContents group) {
        List<EpochTable> logs = group.completed().stream().map(s -> s.run().epochs())
                .flatMap(Optional::stream).toList();
        Set<String> columns = new LinkedHashSet<>();
        logs.forEach(log -> log.header().stream().filter(RunPageData::isLoss).forEach(columns::add));
        String selection = group.selection().map(metric -> VALID + metric)
                .filter(column -> logs.stream().anyMatch(log -> log.header().contains(column))).orElse(null);
        if (selection != null) {
            columns.add(selection);
        }
        return new GroupPageData(selection, distinct(columns.stream().map(column -> Band.of(column, logs))
                .filter(band -> !band.epochs().isEmpty()).toList()));
    }

    /** The bands, each drawn once: a band the same as an earlier one is named with it instead. */
    static List<Band> distinct(List<Band> bands) {
        List<Band> distinct = new ArrayList<>();
        for (Band band : bands) {
            int same = -1;
            for (int i = 0; i < distinct.size() && same < 0; i++) {
                same = distinct.get(i).sameAs(band) ? i : -1;
            }
            if (same < 0) {
                distinct.add(band);
            } else {
                distinct.set(same, distinct.get(same).alsoNamed(band.columns()));
            }
        }
        return distinct;
    }
}
