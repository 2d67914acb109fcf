package io.mosaic.runtime.serve;

import io.mosaic.runtime.history.PastComparison;
import io.mosaic.runtime.history.PastRun;
import io.mosaic.runtime.history.RunHistory;
import io.mosaic.runtime.metrics.MeanStd;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/runs}: what {@link RunHistory} finds under the runs folder (runs, seed groups and comparisons), made
 * before or since the server started, newest first, each with the URL of its page when it has one.
 *
 * @param name       the folder, relative to the runs folder
 * @param kind       {@code run}, {@code group} (a seed group) or {@code comparison}
 * @param assembly   the assembly, or for a comparison the assemblies compared joined by {@code " vs "};
 *                   {@code null} when unreadable
 * @param state      as {@code mosaic runs} says it; a comparison, once listed, is {@code completed}
 * @param date       when it started (for a comparison: when it finished), ISO-8601 local date-time
 * @param selection  the selection metric, once there are results
 * @param valid      the selection metric on the validation split (mean and std over seeds)
 * @param test       the same on the test split
 * @param seconds    how long it trained
 * @param report     the URL of its page relative to the server's root ({@code reports/<name>/report.html} or {@code .../comparison.html}), or {@code null}
 * @param problem    why the folder cannot be read, for an unreadable one
 */
record PastWork(String name, String kind, String assembly, String state, String date, String selection,
                MeanStd valid, MeanStd test, Double seconds, String report, String problem) {

    /** Every run, seed group and comparison under {@code runs}, newest first. */
    static List<PastWork> under(Path runs) {
        List<Dated> found = new ArrayList<>();
        for (PastRun run : RunHistory.list(runs)) {
            // The YAML the API was sent is kept there; it is no run.
            if (!(run.name().equals(Workbench.SUBMITTED) && PastRun.UNREADABLE.equals(run.state()))) {
                found.add(new Dated(run.started(), of(runs, run)));
            }
        }
        for (PastComparison comparison : RunHistory.comparisons(runs)) {
            found.add(new Dated(comparison.finished(), of(runs, comparison)));
        }
        return found.stream().sorted(Comparator.comparing(Dated::date, Comparator.nullsLast(Comparator
                .reverseOrder()))).map(Dated::work).toList();
    }

    private record Dated(LocalDateTime date, PastWork work) {
    }

    private static PastWork of(Path runs, PastRun run) {
        return new PastWork(run.name(), run.group() ? "group" : "run", run.assembly(), run.state(),
                text(run.started()), run.selection(), run.selected(run.valid()), run.selected(run.test()),
                run.seconds(), report(runs, run.name()), run.problem());
    }

    private static PastWork of(Path runs, PastComparison comparison) {
        boolean readable = comparison.problem() == null;
        return new PastWork(comparison.name(), "comparison", readable ? String.join(" vs ",
                comparison.assemblies()) : null, readable ? "completed" : PastRun.UNREADABLE,
                text(comparison.finished()), null, null, null, null, report(runs, comparison.name()),
                comparison.problem());
    }

    /**
     * The URL of folder {@code name}'s page, when it has one. It names the page's file, so that the page's relative
     * links (a comparison's to its seed groups and runs) resolve inside the folder.
     */
    static String report(Path runs, String name) {
        return ReportPages.of(runs, name).map(page -> ReportPages.PREFIX + name + "/" + page.getFileName())
                .orElse(null);
    }

    private static String text(LocalDateTime time) {
        return time == null ? null : time.toString();
    }
}
