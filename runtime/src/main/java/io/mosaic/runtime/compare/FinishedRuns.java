package io.mosaic.runtime.compare;

import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import io.mosaic.runtime.assembly.yaml.YamlScalar;
import io.mosaic.runtime.history.FolderFiles;
import io.mosaic.runtime.history.UnreadableFileException;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SeedSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finished run folder or seed group, as {@code compare} reads it to compare it without training: its completed
 * runs in seed order, their results, and the data they read as their {@code assembly.resolved.yaml} records it (the
 * {@code data:} block: source, task, data seed, metric family of a regression, and the source's parameters).
 *
 * @param folder   the run folder or the seed group's folder
 * @param assembly the assembly's name
 * @param seeds    the training seed of each run
 * @param runs     the runs, in seed order
 * @param results  each run's {@code metrics.json}, in seed order
 * @param data     the {@code data:} block every run recorded
 */
public record FinishedRuns(Path folder, String assembly, List<Long> seeds, List<RunFolder> runs,
                           List<RunSummary> results, Map<String, Object> data) {

    public FinishedRuns {
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        results = List.copyOf(results);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Whether {@code folder} is a run folder ({@code run.json}) or a seed group ({@code summary.json}). */
    public static boolean isFinishedFolder(Path folder) {
        return FolderFiles.isFolder(folder) && (Files.exists(folder.resolve(RunFolder.STATUS), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(folder.resolve(GroupFiles.SEED_SUMMARY_JSON), LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * The run folder or seed group {@code folder}.
     *
     * @throws IllegalArgumentException naming the folder and file, when a run did not complete, a file cannot be
     *                                  read, or a group's runs read different data
     */
    public static FinishedRuns open(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute.resolve(RunFolder.STATUS), LinkOption.NOFOLLOW_LINKS) ? single(absolute)
                    : group(absolute);
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException("cannot compare " + folder + ": " + e.getMessage(), e);
        }
    }

    private static FinishedRuns single(Path folder) {
        Run run = Run.read(folder);
        return new FinishedRuns(folder, run.status.assembly(), List.of(run.status.seed()),
                List.of(RunFolder.open(folder)), List.of(run.results), run.data);
    }

    /** A seed group: the runs its {@code summary.json} lists, which every seed completed before it was written. */
    private static FinishedRuns group(Path folder) {
        SeedSummary summary = FolderFiles.readJson(folder.resolve(GroupFiles.SEED_SUMMARY_JSON), SeedSummary.class,
                FolderFiles.SMALL);
        if (summary.seeds() == null || summary.seeds().isEmpty()) {
            throw new UnreadableFileException(folder.resolve(GroupFiles.SEED_SUMMARY_JSON), "lists no seeds");
        }
        List<Long> seeds = new ArrayList<>();
        List<RunFolder> runs = new ArrayList<>();
        List<RunSummary> results = new ArrayList<>();
        Map<String, Object> data = null;
        for (Long seed : summary.seeds()) {
            if (seed == null) {
                throw new UnreadableFileException(folder.resolve(GroupFiles.SEED_SUMMARY_JSON), "lists a seed "
                        + "that is not a number");
            }
            // The seed's folder is named by the seed, never by a path the file gives.
            Run run = Run.read(folder.resolve(GroupFiles.seedFolder(seed)));
            if (data != null && !data.equals(run.data)) {
                throw new IllegalArgumentException("cannot compare " + folder + ": its seeds read different data ("
                        + String.join("; ", differences(data, folder.resolve(GroupFiles.seedFolder(seeds.get(0))), run.data,
                        run.folder)) + ")");
            }
            data = run.data;
            seeds.add(seed);
            runs.add(RunFolder.open(run.folder));
            results.add(run.results);
        }
        return new FinishedRuns(folder, results.get(0).assembly(), seeds, runs, results, data);
    }

    /**
     * Each setting of the data in which {@code first} (of {@code firstFolder}) and {@code second} differ, as
     * {@code data.preset: tiny in A, small in B}, in the order of the first's block.
     */
    static List<String> differences(Map<String, Object> first, Path firstFolder, Map<String, Object> second,
                                    Path secondFolder) {
        List<String> keys = new ArrayList<>(first.keySet());
        second.keySet().stream().filter(key -> !first.containsKey(key)).forEach(keys::add);
        return keys.stream().filter(key -> !Objects.equals(first.get(key), second.get(key)))
                .map(key -> "data." + key + ": " + value(first.get(key)) + " in " + firstFolder + ", "
                        + value(second.get(key)) + " in " + secondFolder).toList();
    }

    private static String value(Object value) {
        return value == null ? "none" : value.toString();
    }

    /** The data seed every run read. */
    public long dataSeed() {
        return data.get("seed") instanceof Number seed ? seed.longValue() : 0L;
    }

    /** One completed run folder's status, results and recorded data. */
    private record Run(Path folder, RunStatus status, RunSummary results, Map<String, Object> data) {

        static Run read(Path folder) {
            Path statusFile = folder.resolve(RunFolder.STATUS);
            RunStatus status = FolderFiles.readJson(statusFile, RunStatus.class, FolderFiles.SMALL);
            if (status.assembly() == null) {
                throw new UnreadableFileException(statusFile, "has no 'assembly'");
            }
            status = status.checked();
            if (!status.completed()) {
                throw new IllegalArgumentException("cannot compare " + folder + ": the run is "
                        + (status.state() == null ? "in no state" : status.state())
                        + ", not completed; only finished runs are compared without training");
            }
            RunSummary results = FolderFiles.readJson(folder.resolve(RunFolder.METRICS_JSON), RunSummary.class,
                    FolderFiles.RESULTS);
            return new Run(folder, status, results, recordedData(folder.resolve(RunFolder.RESOLVED)));
        }

        /** The {@code data:} block of a resolved assembly file, as plain values. */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> recordedData(Path file) {
            String text = new String(FolderFiles.read(file, FolderFiles.SMALL), StandardCharsets.UTF_8);
            YamlNode root;
            try {
                root = YamlReader.read(file.toString(), text);
            } catch (AssemblyException e) {
                throw new UnreadableFileException(file, "is not a resolved assembly: " + e.getMessage());
            }
            if (!(root instanceof YamlMap map) || !(map.get("data").orElse(null) instanceof YamlMap data)
                    || !(data.get("seed").orElse(null) instanceof YamlScalar)) {
                throw new UnreadableFileException(file, "has no 'data:' block with a 'seed'");
            }
            return (Map<String, Object>) data.toPlain();
        }
    }
}
