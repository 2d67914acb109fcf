package io.mosaic.runtime.report;

import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import io.mosaic.runtime.assembly.yaml.YamlScalar;
import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * What a run folder holds for its report: its status always, and whatever else the run got to write. A failed or
 * interrupted run has no results and no predictions; one that failed before its first epoch has no epoch log.
 *
 * @param resolvedYaml the text of {@code assembly.resolved.yaml}, if written
 * @param description  the assembly's description, or empty
 * @param selection    the metric the run selects its checkpoint on, if known
 * @param predictions  the rows of {@code predictions.csv}; empty without one
 */
public record RunContents(String folder, RunStatus status, Optional<String> resolvedYaml, String description,
                          Optional<String> selection, Optional<EpochTable> epochs, Optional<RunSummary> summary,
                          List<Prediction> predictions) {

    /**
     * Reads {@code folder}.
     *
     * @throws IllegalArgumentException naming the file when a file of the run cannot be read as written
     */
    public static RunContents of(RunFolder folder) {
        return read(folder, true);
    }

    /**
     * Reads {@code folder} but its predictions, for a page that shows the run among others (its predictions are on
     * its own page).
     *
     * @throws IllegalArgumentException naming the file when a file of the run cannot be read as written
     */
    public static RunContents withoutPredictions(RunFolder folder) {
        return read(folder, false);
    }

    private static RunContents read(RunFolder folder, boolean predictions) {
        RunStatus status = folder.status().orElseThrow(() -> new IllegalArgumentException(folder.path()
                + " is not a run folder (it has no " + RunFolder.STATUS + ")"));
        Optional<String> yaml = exists(folder, RunFolder.RESOLVED)
                ? Optional.of(folder.readText(RunFolder.RESOLVED)) : Optional.empty();
        Optional<YamlMap> root = yaml.flatMap(text -> parsed(folder, text));
        Optional<RunSummary> summary = exists(folder, RunFolder.METRICS_JSON) ? Optional.of(folder.summary())
                : Optional.empty();
        Optional<String> selection = summary.map(RunSummary::selection)
                .or(() -> root.flatMap(r -> text(r, "train", "select", "metric")));
        return new RunContents(folder.path().getFileName().toString(), status, yaml,
                root.flatMap(r -> text(r, "description")).orElse(""), selection,
                exists(folder, RunFolder.EPOCHS) ? Optional.of(EpochTable.of(folder)) : Optional.empty(), summary,
                predictions && PredictionsFile.exists(folder) ? PredictionsFile.read(folder) : List.of());
    }

    private static boolean exists(RunFolder folder, String file) {
        return Files.isRegularFile(folder.path().resolve(file));
    }

    /** The resolved assembly's tree; none when the file is not YAML (the page still shows its text). */
    private static Optional<YamlMap> parsed(RunFolder folder, String text) {
        try {
            return YamlReader.read(folder.path().resolve(RunFolder.RESOLVED).toString(), text) instanceof YamlMap map
                    ? Optional.of(map) : Optional.empty();
        } catch (AssemblyException e) {
            return Optional.empty();
        }
    }

    /** The scalar at {@code keys} under {@code root}, as text. */
    private static Optional<String> text(YamlMap root, String... keys) {
        YamlNode node = root;
        for (String key : keys) {
            if (!(node instanceof YamlMap map) || map.get(key).isEmpty()) {
                return Optional.empty();
            }
            node = map.get(key).get();
        }
        return node instanceof YamlScalar scalar && scalar.value() != null ? Optional.of(scalar.value().toString())
                : Optional.empty();
    }

    /** The predictions on the clean {@code split}, in the file's order. */
    public List<Prediction> clean(String split) {
        return predictions.stream().filter(p -> p.clean() && p.split().equals(split)).toList();
    }

    /** The number of classes of the run's class task; 0 for regression or without predictions. */
    public int classes() {
        return predictions.isEmpty() ? 0 : predictions.get(0).probabilities().length;
    }
}
