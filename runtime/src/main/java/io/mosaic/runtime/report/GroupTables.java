package io.mosaic.runtime.report;

import static io.mosaic.runtime.report.RunTables.block;
import static io.mosaic.runtime.report.RunTables.fact;

import io.mosaic.runtime.compare.ComparisonFormat;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed group page's text: its header, its seeds (each linked to its own run report) and its metrics over the
 * completed seeds. Every text that comes from the runs is escaped; each number's cell names it in {@code data-}
 * attributes.
 */
final class GroupTables {
    private static final String ABSENT = "–";

    private GroupTables() {
    }

    /** What ran, how many seeds completed, on what. */
    static String header(GroupContents group) {
        StringBuilder facts = new StringBuilder("<dl class=\"facts\">");
        facts.append(fact("Assembly", "<span id=\"assembly-name\">" + Html.escape(group.assembly()) + "</span>"));
        if (!group.description().isEmpty()) {
            facts.append(fact("Description", "<span id=\"assembly-description\">" + Html.escape(group.description())
                    + "</span>"));
        }
        long completed = group.completed().size();
        facts.append(fact("Seeds", "<span id=\"seed-count\">" + group.seeds().size() + "</span> <span class=\"note\">("
                + completed + " completed" + (completed == group.seeds().size() ? ""
                : "; the others are left out of the means") + ")</span>"));
        group.results().stream().findFirst().ifPresent(summary -> {
            facts.append(fact("Data", Html.escape(summary.data())));
            facts.append(fact("Task", Html.escape(summary.task())));
        });
        group.selection().ifPresent(selection -> facts.append(fact("Selected on",
                "the validation split's " + Html.escape(selection))));
        facts.append(fact("Folder", "<code>" + Html.escape(group.folder()) + "</code>"));
        return facts.append("</dl>").toString();
    }

    /** One row per seed: its state, its selected epoch and time, and a link to its own page. */
    static String seeds(GroupContents group, Path folder) {
        StringBuilder rows = new StringBuilder();
        for (GroupContents.Seed seed : group.seeds()) {
            RunStatus status = seed.run().status();
            String report = seed.folder() + "/" + RunReport.FILE;
            String link = Files.isRegularFile(folder.resolve(seed.folder()).resolve(RunReport.FILE))
                    ? "<a class=\"run-report\" href=\"" + Html.href(report) + "\">" + Html.escape(report) + "</a>"
                    : "<span class=\"note\">no report (write it with <code>mosaic report</code>)</span>";
            rows.append("<tr data-seed=\"").append(seed.seed()).append("\"><th scope=\"row\">").append(seed.seed())
                    .append("</th><td class=\"state-cell\"><span class=\"state state-")
                    .append(Html.escape(status.state()))
                    .append("\">").append(Html.escape(status.state())).append("</span>")
                    .append(status.error() == null ? "" : " <span class=\"note\">" + Html.escape(status.error())
                            + "</span>")
                    .append("</td><td>").append(seed.run().summary().map(s -> s.bestEpoch() + " of " + s.epochs())
                            .orElse(ABSENT))
                    .append("</td><td>").append(seed.run().summary().map(s -> String.format(Locale.ROOT, "%.1f",
                            s.seconds())).orElse(ABSENT))
                    .append("</td><td class=\"link\">").append(link).append("</td></tr>");
        }
        return block("seeds", "One run per seed", "Each seed's run, in its own folder with its own report. Only "
                + "completed seeds count in the means and bands below; failed and interrupted ones are shown here, not "
                + "averaged.",
                "<tr><th scope=\"col\">seed</th><th scope=\"col\">state</th><th scope=\"col\">selected epoch</th>"
                        + "<th scope=\"col\">seconds</th><th scope=\"col\">run report</th></tr>", rows);
    }

    /** Per split, each metric's mean ± std over the completed seeds, then each completed seed's value. */
    static String metrics(GroupContents group) {
        Map<String, Map<String, OverSeeds>> splits = group.metrics();
        if (splits.isEmpty()) {
            return "<p class=\"explain\" id=\"no-results\">No results: no seed of the group completed.</p>";
        }
        List<GroupContents.Seed> completed = group.completed();
        StringBuilder head = new StringBuilder("<tr><th scope=\"col\">metric</th><th scope=\"col\">mean ± std</th>");
        completed.forEach(seed -> head.append("<th scope=\"col\">seed ").append(seed.seed()).append("</th>"));
        head.append("</tr>");
        StringBuilder tables = new StringBuilder();
        splits.forEach((split, metrics) -> {
            StringBuilder rows = new StringBuilder();
            metrics.forEach((metric, value) -> {
                rows.append("<tr><th scope=\"row\">").append(Html.escape(metric)).append("</th><td class=\"mean-std\" "
                        + "data-split=\"").append(Html.escape(split)).append("\" data-metric=\"")
                        .append(Html.escape(metric)).append("\" data-n=\"").append(value.values().size()).append("\">")
                        .append(ComparisonFormat.meanStd(value.mean(), value.std())).append("</td>");
                completed.forEach(seed -> rows.append(seedCell(seed, split, metric)));
                rows.append("</tr>");
            });
            tables.append(block("metrics", title(split), "Mean ± std (population, as MMSA reports) over the "
                    + completed.size() + " completed seed" + (completed.size() == 1 ? "" : "s")
                    + ", each at its selected checkpoint; then each seed's value.", head.toString(), rows));
        });
        return tables.toString();
    }

    private static String title(String split) {
        return switch (split) {
            case Dataset.VALID -> "Validation metrics";
            case Dataset.TEST -> "Test metrics";
            case Dataset.SOURCE_TEST -> "Metrics on the source domains' test split";
            default -> "Metrics on the " + Html.escape(split) + " test split";
        };
    }

    private static String seedCell(GroupContents.Seed seed, String split, String metric) {
        RunSummary summary = seed.run().summary().orElseThrow();
        Map<String, Double> values = switch (split) {
            case Dataset.VALID -> summary.valid();
            case Dataset.TEST -> summary.test();
            default -> summary.domainTests().getOrDefault(split, Map.of());
        };
        Double value = values.get(metric);
        if (value == null) {
            return "<td>" + ABSENT + "</td>";
        }
        return "<td class=\"seed-value\" data-seed=\"" + seed.seed() + "\" data-split=\"" + Html.escape(split)
                + "\" data-metric=\"" + Html.escape(metric) + "\">"
                + (Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a") + "</td>";
    }
}
