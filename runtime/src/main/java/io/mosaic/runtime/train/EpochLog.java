package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.run.RunFolder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The per-epoch log of a run folder, {@code epochs.csv}: one row per completed epoch, with the validation metrics
 * and, per objective, its unweighted training value ({@code objective_<name>}; empty in epochs that did not train it)
 * and, per 0-dim tap of the training passes, its mean over the epoch's batches ({@code tap_<name>}; empty in epochs
 * that did not record it).
 */
final class EpochLog {
    static final String OBJECTIVE_COLUMN = "objective_";
    static final String TAP_COLUMN = "tap_";

    private EpochLog() {
    }

    static void write(RunFolder folder, List<EpochRecord> history) {
        if (history.isEmpty()) {
            return;
        }
        List<String> metrics = new ArrayList<>(history.get(0).valid().keySet());
        metrics.remove(Metric.LOSS.id());
        Set<String> objectives = new LinkedHashSet<>();
        history.forEach(record -> objectives.addAll(record.objectives().keySet()));
        Set<String> taps = new LinkedHashSet<>();
        history.forEach(record -> taps.addAll(record.taps().keySet()));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("epoch", "stage", "train_loss", "valid_loss"));
        metrics.forEach(m -> header.add("valid_" + m));
        objectives.forEach(o -> header.add(OBJECTIVE_COLUMN + o));
        taps.forEach(t -> header.add(tapColumn(t)));
        header.addAll(List.of("seconds", "samples_per_second", "improved", "resident_mb"));
        rows.add(header);
        for (EpochRecord record : history) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(record.epoch()), record.stage(),
                    number(record.trainLoss()), number(record.validLoss())));
            metrics.forEach(m -> row.add(number(record.valid().getOrDefault(m, Double.NaN))));
            objectives.forEach(o -> row.add(number(record.objectives().getOrDefault(o, Double.NaN))));
            taps.forEach(t -> row.add(number(record.taps().getOrDefault(t, Double.NaN))));
            row.addAll(List.of(String.format(Locale.ROOT, "%.3f", record.seconds()),
                    String.format(Locale.ROOT, "%.1f", record.samplesPerSecond()), Boolean.toString(record.improved()),
                    String.format(Locale.ROOT, "%.0f", record.residentMegabytes())));
            rows.add(row);
        }
        folder.writeCsv(RunFolder.EPOCHS, rows);
    }

    /**
     * {@code tap_<name>}, with every character that would need CSV quoting made {@code _}: readers of
     * {@code epochs.csv} split a line on commas, and a tap's name is whatever a plugin recorded.
     */
    static String tapColumn(String tap) {
        return TAP_COLUMN + tap.replaceAll("[,\"\\r\\n]", "_");
    }

    static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
