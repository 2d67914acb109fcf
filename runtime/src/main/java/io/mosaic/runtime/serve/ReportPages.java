package io.mosaic.runtime.serve;

import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.compare.report.ComparisonReport;
import io.mosaic.runtime.history.FolderFiles;
import io.mosaic.runtime.history.UnreadableFileException;
import io.mosaic.runtime.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pages {@code GET /reports/<path>} serves: a run's or seed group's {@value RunReport#FILE}, or a comparison's
 * {@value ComparisonReport#FILE}, in a folder under the runs folder, and nothing else. {@code <path>} is the folder,
 * relative to the runs folder as {@code GET /api/runs} names it, or the folder and the page's file name (as a
 * comparison's links to its runs' pages give it). Its names are plain file names (no {@code .} or {@code ..}, no
 * separators); no symbolic link is followed, at any depth; the page must be a regular file inside the runs folder.
 */
final class ReportPages {
    static final String PATTERN = "/reports/*";
    /** The URL of folder {@code name}'s page, relative to the server's root. */
    static final String PREFIX = "reports/";
    private static final List<String> PAGES = List.of(RunReport.FILE, ComparisonReport.FILE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
    /** Folders of groups hold seed groups, which hold runs: no page is deeper than this. */
    private static final int DEEPEST = 4;
    /** The largest page served: a run's page holds Chart.js and its test split's predictions. */
    static final long LARGEST = 256L << 20;

    private ReportPages() {
    }

    /** Why no page is served: the status and a message that names the path asked for, never a file's content. */
    static final class NoPage extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        NoPage(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * The page at {@code path} under {@code runs}.
     *
     * @param path the request's path below {@code /reports/}, decoded, such as {@code compare-x/baseline}
     * @throws NoPage 404 for a path that is not a folder's page, 403 for a symbolic link on the way
     */
    static Path find(Path runs, String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        List<String> names = trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
        String shown = "/reports/" + Fragment.of(trimmed);
        if (names.isEmpty() || names.size() > DEEPEST + 1
                || !names.stream().allMatch(name -> NAME.matcher(name).matches())) {
            throw new NoPage(404, "no report at " + shown + ": a report's path is a run, seed group or comparison "
                    + "folder under the runs folder, as GET /api/runs names it (plain names separated by '/')");
        }
        boolean pageNamed = PAGES.contains(names.get(names.size() - 1));
        List<String> folders = pageNamed ? names.subList(0, names.size() - 1) : names;
        if (folders.isEmpty() || folders.size() > DEEPEST) {
            throw new NoPage(404, "no report at " + shown + ": name the folder of a run, seed group or comparison");
        }
        Path folder = runs;
        for (String name : folders) {
            folder = folder.resolve(name);
            if (Files.isSymbolicLink(folder)) {
                throw new NoPage(403, "no report at " + shown + ": " + runs.relativize(folder) + " is a symbolic "
                        + "link, which is not followed");
            }
            if (FolderFiles.isFile(folder)) {
                throw new NoPage(404, "no report at " + shown + ": " + runs.relativize(folder) + " is a file, and "
                        + "only a folder's " + String.join(" or ", PAGES) + " is served");
            }
            if (!FolderFiles.isFolder(folder)) {
                throw new NoPage(404, "no report at " + shown + ": there is no folder " + runs.relativize(folder)
                        + " under the runs folder");
            }
        }
        Path base = folder;
        List<Path> candidates = pageNamed ? List.of(folder.resolve(names.get(names.size() - 1)))
                : PAGES.stream().map(base::resolve).toList();
        for (Path page : candidates) {
            if (Files.isSymbolicLink(page)) {
                throw new NoPage(403, "no report at " + shown + ": " + runs.relativize(page) + " is a symbolic "
                        + "link, which is not followed");
            }
            if (FolderFiles.isFile(page)) {
                requireInside(runs, page, shown);
                return page;
            }
        }
        throw new NoPage(404, "no report at " + shown + ": " + runs.relativize(base) + " has no "
                + String.join(" or ", PAGES) + " (mosaic report " + runs.relativize(base) + " writes it)");
    }

    /** The page of folder {@code name} under {@code runs}, if it has one. */
    static Optional<Path> of(Path runs, String name) {
        try {
            return Optional.of(find(runs, name));
        } catch (NoPage e) {
            return Optional.empty();
        }
    }

    /** The bytes of the page at {@code path} under {@code runs}. */
    static byte[] read(Path runs, String path) {
        Path page = find(runs, path);
        try {
            return FolderFiles.read(page, LARGEST);
        } catch (UnreadableFileException e) {
            throw new NoPage(404, "no report at /reports/" + runs.relativize(page) + ": it "
                    + e.getMessage().substring(e.file().toString().length()).trim());
        }
    }

    /** Refuses a page whose real location is outside the runs folder (a folder swapped for a link meanwhile). */
    private static void requireInside(Path runs, Path page, String shown) {
        try {
            if (!page.toRealPath().startsWith(runs.toRealPath())) {
                throw new NoPage(403, "no report at " + shown + ": it is outside the runs folder");
            }
        } catch (IOException e) {
            throw new NoPage(404, "no report at " + shown + ": it cannot be read");
        }
    }
}
