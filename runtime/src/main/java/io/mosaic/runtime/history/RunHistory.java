package io.mosaic.runtime.history;

import io.mosaic.runtime.compare.ComparisonFiles;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SeedSummary;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The past runs under a runs folder, as {@code run}, {@code run --seeds} and {@code compare} leave them: run folders
 * ({@code run.json}), seed groups ({@code seed-<s>/} run folders and, once every seed completed,
 * {@code summary.json}), and folders of seed groups (a comparison's, a {@code --vary} group's), whose groups are
 * listed as {@code <folder>/<group>}; a comparison of finished runs, which holds no group, adds nothing. A folder whose files are missing, damaged, oversized or symbolic links is
 * listed as {@link PastRun#UNREADABLE}, naming the file; symbolic links are never followed.
 */
public final class RunHistory {
    private static final Set<String> STATES = Set.of(RunStatus.RUNNING, RunStatus.COMPLETED, RunStatus.FAILED,
            RunStatus.INTERRUPTED, RunStatus.CANCELLED);
    /** Folders of seed groups hold seed groups, which hold runs: nothing deeper is looked into. */
    private static final int DEEPEST_CONTAINER = 1;

    private RunHistory() {
    }

    /** Every run and seed group under {@code runs}, newest first; none when the folder does not exist. */
    public static List<PastRun> list(Path runs) {
        List<PastRun> found = new ArrayList<>();
        if (Files.isDirectory(runs)) {
            visit(runs, runs, 0, found);
        }
        found.sort(Comparator.comparing(PastRun::started, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(PastRun::name));
        return found;
    }

    /**
     * The comparisons directly under {@code runs} (where {@code compare} writes them), newest first; none when the
     * folder does not exist. Symbolic links are not followed (and {@link #list} lists them as unreadable).
     */
    public static List<PastComparison> comparisons(Path runs) {
        List<PastComparison> found = new ArrayList<>();
        if (Files.isDirectory(runs)) {
            for (Path folder : children(runs)) {
                Path file = folder.resolve(ComparisonFiles.JSON);
                if (FolderFiles.isFolder(folder) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(comparison(runs.relativize(folder).toString(), file));
                }
            }
        }
        found.sort(Comparator.comparing(PastComparison::finished, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(PastComparison::name));
        return found;
    }

    /** What a {@code comparison.json} says of itself; the rest of it (every metric) is not needed to list it. */
    private record ComparisonHead(List<Long> seeds, List<Compared> assemblies) {
    }

    private record Compared(String assembly) {
    }

    private static PastComparison comparison(String name, Path file) {
        try {
            ComparisonHead head = FolderFiles.readJson(file, ComparisonHead.class, FolderFiles.RESULTS);
            if (head.assemblies() == null || head.seeds() == null || head.seeds().contains(null)
                    || head.assemblies().stream().anyMatch(a -> a == null || a.assembly() == null)) {
                throw new UnreadableFileException(file, "has no 'seeds', or no 'assemblies' each with its "
                        + "'assembly'");
            }
            return new PastComparison(name, head.assemblies().stream().map(Compared::assembly).toList(),
                    head.seeds(), changed(file), null);
        } catch (UnreadableFileException e) {
            return new PastComparison(name, List.of(), List.of(), changed(file), e.getMessage());
        }
    }

    /** Adds what the folders in {@code parent} hold, looking into folders of seed groups down to {@code depth}. */
    private static void visit(Path runs, Path parent, int depth, List<PastRun> found) {
        for (Path child : children(parent)) {
            String name = runs.relativize(child).toString();
            if (Files.isSymbolicLink(child)) {
                found.add(PastRun.unreadable(name, false, changed(child), child
                        + " is a symbolic link, which is not followed"));
            } else if (FolderFiles.isFolder(child)) {
                entry(runs, child, name, depth, found);
            }
        }
    }

    private static void entry(Path runs, Path folder, String name, int depth, List<PastRun> found) {
        if (Files.exists(folder.resolve(RunFolder.STATUS), LinkOption.NOFOLLOW_LINKS)) {
            found.add(run(folder, name));
        } else if (Files.exists(folder.resolve(GroupFiles.SEED_SUMMARY_JSON), LinkOption.NOFOLLOW_LINKS)
                || !seedFolders(folder).isEmpty()) {
            found.add(group(folder, name));
        } else if (depth < DEEPEST_CONTAINER && (isContainer(folder)
                || children(folder).stream().anyMatch(FolderFiles::isFolder))) {
            visit(runs, folder, depth + 1, found);
        } else {
            found.add(PastRun.unreadable(name, false, changed(folder), folder.resolve(RunFolder.STATUS)
                    + " is missing"));
        }
    }

    /**
     * Whether {@code folder} is a comparison's or a {@code --vary} group's, which holds seed groups: a comparison of
     * finished runs holds none, only its files.
     */
    private static boolean isContainer(Path folder) {
        return Files.exists(folder.resolve(ComparisonFiles.JSON), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(folder.resolve(GroupFiles.VARIANTS_JSON), LinkOption.NOFOLLOW_LINKS);
    }

    /** The run in {@code folder}, or the folder as unreadable. */
    static PastRun run(Path folder, String name) {
        try {
            return readRun(folder, name);
        } catch (UnreadableFileException e) {
            return PastRun.unreadable(name, false, changed(folder), e.getMessage());
        }
    }

    private static PastRun readRun(Path folder, String name) {
        Path file = folder.resolve(RunFolder.STATUS);
        RunStatus status = FolderFiles.readJson(file, RunStatus.class, FolderFiles.SMALL);
        if (status.assembly() == null) {
            throw new UnreadableFileException(file, "has no 'assembly'");
        }
        if (status.state() == null || !STATES.contains(status.state())) {
            throw new UnreadableFileException(file, "has no 'state' of " + String.join(", ", STATES.stream()
                    .sorted().toList()));
        }
        LocalDateTime started = dateTime(file, "started", status.started());
        status = status.checked();
        if (!status.completed()) {
            Double seconds = status.finished() == null ? null
                    : Duration.between(started, dateTime(file, "finished", status.finished())).toMillis() / 1000.0;
            return new PastRun(name, false, status.assembly(), status.state(), started, null, Map.of(), Map.of(),
                    seconds, null);
        }
        Path metrics = folder.resolve(RunFolder.METRICS_JSON);
        RunSummary summary = FolderFiles.readJson(metrics, RunSummary.class, FolderFiles.RESULTS);
        if (summary.selection() == null) {
            throw new UnreadableFileException(metrics, "has no 'selection'");
        }
        return new PastRun(name, false, status.assembly(), status.state(), started, summary.selection(),
                single(metrics, "valid", summary.valid()), single(metrics, "test", summary.test()),
                summary.seconds(), null);
    }

    /**
     * The seed group in {@code folder}: completed when every seed completed and the group's {@code summary.json} was
     * written; else running, failed, cancelled or interrupted as its seeds are, in that order. Its metrics are its seeds' once it
     * completed.
     */
    static PastRun group(Path folder, String name) {
        List<Path> seeds = seedFolders(folder);
        List<PastRun> runs = new ArrayList<>();
        for (Path seed : seeds) {
            PastRun run = run(seed, name + "/" + seed.getFileName());
            if (run.problem() != null) {
                return PastRun.unreadable(name, true, changed(folder), run.problem());
            }
            runs.add(run);
        }
        boolean summarised;
        try {
            summarised = FolderFiles.readJsonIfPresent(folder.resolve(GroupFiles.SEED_SUMMARY_JSON),
                    SeedSummary.class, FolderFiles.SMALL).isPresent();
        } catch (UnreadableFileException e) {
            return PastRun.unreadable(name, true, changed(folder), e.getMessage());
        }
        if (runs.isEmpty()) {
            return PastRun.unreadable(name, true, changed(folder), folder + " has no seed-<s> run folder");
        }
        String state = groupState(runs, summarised);
        LocalDateTime started = runs.stream().map(PastRun::started).min(Comparator.naturalOrder()).orElseThrow();
        if (!RunStatus.COMPLETED.equals(state)) {
            return new PastRun(name, true, runs.get(0).assembly(), state, started, null, Map.of(), Map.of(),
                    null, null);
        }
        Map<String, List<Double>> valid = new LinkedHashMap<>();
        Map<String, List<Double>> test = new LinkedHashMap<>();
        runs.forEach(run -> {
            run.valid().forEach((metric, values) -> valid.computeIfAbsent(metric, m -> new ArrayList<>())
                    .addAll(values));
            run.test().forEach((metric, values) -> test.computeIfAbsent(metric, m -> new ArrayList<>())
                    .addAll(values));
        });
        double seconds = runs.stream().mapToDouble(PastRun::seconds).sum();
        return new PastRun(name, true, runs.get(0).assembly(), state, started, runs.get(0).selection(), valid, test,
                seconds, null);
    }

    private static String groupState(List<PastRun> runs, boolean summarised) {
        for (String state : List.of(RunStatus.RUNNING, RunStatus.FAILED, RunStatus.CANCELLED)) {
            if (runs.stream().anyMatch(run -> state.equals(run.state()))) {
                return state;
            }
        }
        boolean allCompleted = runs.stream().allMatch(run -> RunStatus.COMPLETED.equals(run.state()));
        return allCompleted && summarised ? RunStatus.COMPLETED : RunStatus.INTERRUPTED;
    }

    /** The group's {@code seed-<s>} folders (not links), in seed order. */
    private static List<Path> seedFolders(Path group) {
        return children(group).stream()
                .filter(child -> GroupFiles.SEED_FOLDER.matcher(child.getFileName().toString()).matches())
                .filter(FolderFiles::isFolder)
                .sorted(Comparator.comparing(RunHistory::seedOf)).toList();
    }

    private static BigInteger seedOf(Path folder) {
        Matcher matcher = GroupFiles.SEED_FOLDER.matcher(folder.getFileName().toString());
        matcher.matches();
        return new BigInteger(matcher.group(1));
    }

    /** The entries of {@code folder} but hidden ones (the {@code .partial} files of writes), by name. */
    private static List<Path> children(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every metric's value as a list of one, each checked to be a number. */
    private static Map<String, List<Double>> single(Path file, String split, Map<String, Double> metrics) {
        if (metrics == null) {
            throw new UnreadableFileException(file, "has no '" + split + "' metrics");
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        metrics.forEach((metric, value) -> {
            if (value == null) {
                throw new UnreadableFileException(file, "has no number at '" + split + "." + metric + "'");
            }
            values.put(metric, List.of(value));
        });
        return values;
    }

    private static LocalDateTime dateTime(Path file, String field, String text) {
        if (text == null) {
            throw new UnreadableFileException(file, "has no '" + field + "'");
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnreadableFileException(file, "has a '" + field + "' that is not an ISO-8601 date-time");
        }
    }

    /** When {@code path} (not what a link points to) last changed, as a local date-time; {@code null} if unknown. */
    private static LocalDateTime changed(Path path) {
        try {
            return LocalDateTime.ofInstant(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant(),
                    ZoneId.systemDefault());
        } catch (IOException e) {
            return null;
        }
    }
}
