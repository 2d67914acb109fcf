package io.mosaic.runtime.report;

import io.mosaic.runtime.compare.ComparisonFiles;
import io.mosaic.runtime.compare.report.ComparisonReport;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the pages of a folder again from its files: a run's {@code report.html}; each run's of a seed group and the
 * group's own {@code report.html} (and those of the seed groups of a group of variants); a comparison's
 * {@code comparison.html}.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * Regenerates the pages of {@code folder}.
     *
     * @return the pages written
     * @throws IllegalArgumentException when the folder is none of a run, a seed group or a comparison
     */
    public static List<Path> regenerate(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder; give a run folder, a seed group or a "
                    + "comparison under runs/");
        }
        List<Path> written = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve(RunFolder.STATUS))) {
            RunReport.write(RunFolder.open(folder));
            written.add(folder.resolve(RunReport.FILE));
        } else if (Files.isRegularFile(folder.resolve(ComparisonFiles.JSON))) {
            RunFolder comparison = RunFolder.at(folder);
            ComparisonReport.write(comparison, ComparisonFiles.read(comparison));
            written.add(folder.resolve(ComparisonReport.FILE));
        } else if (Files.isRegularFile(folder.resolve(GroupFiles.VARIANTS_JSON))) {
            for (Path member : members(folder)) {
                written.addAll(regenerate(member));
            }
        } else if (Files.isRegularFile(folder.resolve(GroupFiles.SEED_SUMMARY_JSON)) || GroupContents.isGroup(folder)) {
            for (Path member : members(folder)) {
                written.addAll(regenerate(member));
            }
            GroupReport.write(RunFolder.at(folder));
            written.add(folder.resolve(GroupReport.FILE));
        } else {
            throw new IllegalArgumentException(folder + " is neither a run folder (it has no " + RunFolder.STATUS
                    + "), a seed group (" + GroupFiles.SEED_SUMMARY_JSON + " or seed-<s> run folders) nor a "
                    + "comparison ("
                    + ComparisonFiles.JSON + ")");
        }
        return written;
    }

    /** The runs and seed groups directly in a group, by name. */
    private static List<Path> members(Path group) {
        try (Stream<Path> entries = Files.list(group)) {
            return entries.filter(Files::isDirectory)
                    .filter(f -> Files.isRegularFile(f.resolve(RunFolder.STATUS))
                            || Files.isRegularFile(f.resolve(GroupFiles.SEED_SUMMARY_JSON)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + group, e);
        }
    }
}
