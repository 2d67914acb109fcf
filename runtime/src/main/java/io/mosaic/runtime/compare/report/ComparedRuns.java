package io.mosaic.runtime.compare.report;

import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.report.RunReport;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One compared assembly's runs as the comparison's page links them, found on disk next to the comparison: its seed
 * group (or its one run folder, for a comparison of a finished run) and each seed's run. Paths are relative to the
 * comparison's folder, with {@code /}, so the links keep working when the runs folder is moved.
 *
 * @param groupReport the seed group's own page, when the group has one (a single run folder has none)
 * @param seeds       per seed of the comparison, its run's folder and whether it has a report
 * @param settings    the first seed's resolved assembly, flattened ({@link SettingsDiff#flatten}); empty when it
 *                    cannot be read
 */
record ComparedRuns(Optional<String> groupReport, List<SeedRun> seeds, Optional<Map<String, String>> settings) {

    /** @param report the run's {@code report.html}, relative to the comparison; empty when the run has none */
    record SeedRun(long seed, Optional<String> report) {
    }

    /** The runs of {@code assembly}, trained with {@code seeds}, of the comparison in {@code comparison}. */
    static ComparedRuns read(Path comparison, AssemblyComparison assembly, List<Long> seeds) {
        String group = assembly.group().replace('\\', '/');
        Path groupFolder = comparison.resolve(assembly.group());
        boolean single = Files.isRegularFile(groupFolder.resolve(RunFolder.STATUS));
        List<SeedRun> runs = (single ? List.of(seeds.get(0)) : seeds).stream().map(seed -> {
            String run = single ? group : group + "/" + GroupFiles.seedFolder(seed);
            return new SeedRun(seed, page(comparison, run + "/" + RunReport.FILE));
        }).toList();
        String firstRun = single ? group : group + "/" + GroupFiles.seedFolder(seeds.get(0));
        return new ComparedRuns(single ? Optional.empty() : page(comparison, group + "/" + RunReport.FILE), runs,
                settings(comparison.resolve(firstRun).resolve(RunFolder.RESOLVED)));
    }

    private static Optional<String> page(Path comparison, String relative) {
        return Files.isRegularFile(comparison.resolve(relative)) ? Optional.of(relative) : Optional.empty();
    }

    /** The resolved assembly in {@code file}, flattened; empty when it is missing, too large to be one, or not YAML. */
    private static Optional<Map<String, String>> settings(Path file) {
        try {
            if (Files.size(file) > 4L * YamlReader.MAX_CODE_POINTS) {
                return Optional.empty();
            }
            return Optional.of(SettingsDiff.flatten(YamlReader.read(file.toString(), Files.readString(file))));
        } catch (IOException | AssemblyException e) {
            return Optional.empty();
        }
    }
}
