package io.mosaic.runtime.report;

import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * What a seed group's folder holds for its page: the run of each of its {@code seed-<s>} folders, in seed order, as
 * far as each got. Seeds that did not complete (failed, interrupted, still running) are kept to be shown as such; only
 * completed ones have results.
 *
 * @param folder the group folder's name
 */
public record GroupContents(String folder, List<Seed> seeds) {

    /** One seed's run. @param folder its folder's name in the group, {@code seed-<s>} */
    public record Seed(long seed, String folder, RunContents run) {

        /** Whether the run completed, with its results written. */
        public boolean completed() {
            return run.status().completed() && run.summary().isPresent();
        }
    }

    public GroupContents {
        seeds = List.copyOf(seeds);
    }

    /**
     * Reads the group in {@code group}.
     *
     * @throws IllegalArgumentException when it has no {@code seed-<s>} run folder, or a run's file cannot be read as
     *                                  written (naming the file)
     */
    public static GroupContents of(Path group) {
        List<Path> folders = seedFolders(group);
        if (folders.isEmpty()) {
            throw new IllegalArgumentException(group + " is not a seed group: it has no seed-<s> folder with a "
                    + RunFolder.STATUS);
        }
        return new GroupContents(group.getFileName().toString(), folders.stream().map(folder -> new Seed(
                seedOf(folder).longValueExact(), folder.getFileName().toString(),
                RunContents.withoutPredictions(RunFolder.open(folder)))).toList());
    }

    /** Whether {@code folder} holds a seed group's runs (whether or not its seeds all completed). */
    public static boolean isGroup(Path folder) {
        return !seedFolders(folder).isEmpty();
    }

    /** The group's {@code seed-<s>} run folders, in seed order. */
    private static List<Path> seedFolders(Path group) {
        try (Stream<Path> entries = Files.list(group)) {
            return entries.filter(f -> GroupFiles.SEED_FOLDER.matcher(f.getFileName().toString()).matches())
                    .filter(f -> seedOf(f).bitLength() < Long.SIZE)
                    .filter(f -> Files.isDirectory(f) && Files.isRegularFile(f.resolve(RunFolder.STATUS)))
                    .sorted(Comparator.comparing(GroupContents::seedOf)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + group, e);
        }
    }

    private static BigInteger seedOf(Path folder) {
        Matcher matcher = GroupFiles.SEED_FOLDER.matcher(folder.getFileName().toString());
        matcher.matches();
        return new BigInteger(matcher.group(1));
    }

    /** The assembly, as its first seed's run recorded it. */
    public String assembly() {
        return seeds.get(0).run().status().assembly();
    }

    /** The assembly's description, from the first seed whose resolved assembly has one; or empty. */
    public String description() {
        return seeds.stream().map(s -> s.run().description()).filter(d -> !d.isEmpty()).findFirst().orElse("");
    }

    /** The completed seeds, whose results the page averages. */
    public List<Seed> completed() {
        return seeds.stream().filter(Seed::completed).toList();
    }

    /** The completed seeds' results, in seed order. */
    public List<RunSummary> results() {
        return completed().stream().map(s -> s.run().summary().orElseThrow()).toList();
    }

    /**
     * Per split (valid, test, then each domain test split of the first completed seed) and metric, the completed
     * seeds' values in seed order; a seed without the metric adds none. Empty when no seed completed.
     */
    public Map<String, Map<String, OverSeeds>> metrics() {
        List<RunSummary> results = results();
        Map<String, Map<String, OverSeeds>> splits = new LinkedHashMap<>();
        if (results.isEmpty()) {
            return splits;
        }
        splits.put(Dataset.VALID, overSeeds(results, RunSummary::valid));
        splits.put(Dataset.TEST, overSeeds(results, RunSummary::test));
        results.get(0).domainTests().keySet().forEach(split -> splits.put(split,
                overSeeds(results, r -> r.domainTests().getOrDefault(split, Map.of()))));
        return splits;
    }

    private static Map<String, OverSeeds> overSeeds(List<RunSummary> results,
                                                    Function<RunSummary, Map<String, Double>> split) {
        Map<String, OverSeeds> metrics = new LinkedHashMap<>();
        split.apply(results.get(0)).keySet().forEach(metric -> metrics.put(metric, OverSeeds.of(results.stream()
                .map(r -> split.apply(r).get(metric)).filter(Objects::nonNull).toList())));
        return metrics;
    }

    /** The metric the seeds select their checkpoints on, from the first seed that knows it. */
    public Optional<String> selection() {
        return seeds.stream().map(s -> s.run().selection()).flatMap(Optional::stream).findFirst();
    }
}
