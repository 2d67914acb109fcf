package io.mosaic.runtime.serve;

import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.text.Table;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Mosaic commands of the Gogo shell, in scope {@value #SCOPE}: {@code run}, {@code compare}, {@code components},
 * {@code assemblies}, {@code status} and {@code cancel}. Each returns the text the shell prints.
 */
public final class ShellCommands {
    public static final String SCOPE = "mosaic";
    public static final List<String> FUNCTIONS = List.of("run", "compare", "components", "assemblies", "status",
            "cancel");

    private final Workbench workbench;

    public ShellCommands(Workbench workbench) {
        this.workbench = workbench;
    }

    /** {@code mosaic:run <assembly> [key.path=value ...]}: queues a run; {@code status <id>} follows it. */
    public String run(String assembly, String... overrides) {
        Job job = workbench.submitRun(assembly, List.of(overrides));
        return "job " + job.id() + " queued: run of " + job.view().title();
    }

    /**
     * {@code mosaic:compare <seeds> <assembly> <assembly> ... [key.path=value ...]}: queues a comparison; the words
     * holding {@code =} are overrides for every assembly, the others the assemblies, the first the reference.
     */
    public String compare(int seeds, String... assembliesAndOverrides) {
        List<String> assemblies = Arrays.stream(assembliesAndOverrides).filter(a -> !a.contains("=")).toList();
        List<String> overrides = Arrays.stream(assembliesAndOverrides).filter(a -> a.contains("=")).toList();
        Job job = workbench.submitCompare(assemblies, seeds, overrides);
        return "job " + job.id() + " queued: compare " + job.view().title() + " over " + seeds + " seed"
                + (seeds == 1 ? "" : "s");
    }

    /**
     * {@code mosaic:cancel <id>}: cancels a job; a running one stops at its next step boundary (its run folder resumes
     * with {@code run --resume}), or is abandoned if it is stuck in a component.
     */
    public String cancel(int id) {
        Job job = workbench.cancel(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
        Job.View view = job.view();
        return "job " + id + (view.state() == JobState.CANCELLED ? " cancelled" : " stopping at its next step "
                + "boundary; mosaic:status " + id + " follows it");
    }

    /** {@code mosaic:components}: the installed components with their versions and bundles. */
    public String components() {
        Table table = new Table("KIND", "NAME", "VERSION", "BUNDLE");
        workbench.components().forEach(c -> table.row(c.kind(), c.name(), c.version(), c.bundle()));
        return table.toString();
    }

    /** {@code mosaic:assemblies}: the assemblies the installed bundles ship. */
    public String assemblies() {
        Table table = new Table("NAME", "BUNDLE", "VERSION");
        workbench.assemblies().forEach(a -> table.row(a.name(), a.bundle(), a.version()));
        return table.toString();
    }

    /** {@code mosaic:status}: the runtime's health and every job. */
    public String status() {
        Workbench.StatusView status = workbench.status();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "up %.0f s, %d bundles, %d components, plugins %s%n",
                status.uptimeSeconds(), status.bundles().size(), status.components(), status.plugins()));
        text.append(status.problems().isEmpty() ? "problems: none\n" : "problems:\n");
        status.problems().forEach(p -> text.append("  ").append(p).append('\n'));
        Table table = new Table("JOB", "KIND", "STATE", "PROGRESS", "TITLE");
        workbench.jobs().forEach(job -> {
            Job.View view = job.view();
            table.row(view.id(), view.kind(), view.state(), progress(view.progress()), view.title());
        });
        return text.append(table).toString();
    }

    /** {@code mosaic:status <id>}: one job's progress, then its results or why it failed. */
    public String status(int id) {
        Job job = workbench.job(id).orElseThrow(() -> new IllegalArgumentException("no job " + id
                + "; jobs: " + workbench.jobs().stream().map(j -> Integer.toString(j.id())).toList()));
        Job.View view = job.view();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "job %d: %s of %s, %s, %s%n", view.id(),
                view.kind(), view.title(), view.state().name().toLowerCase(Locale.ROOT), progress(view.progress())));
        if (view.folder() != null) {
            text.append("folder ").append(view.folder()).append('\n');
        }
        if (view.error() != null) {
            text.append("error: ").append(view.error()).append('\n');
        }
        workbench.results(job).ifPresent(results -> text.append(results instanceof RunSummary summary
                ? metrics(summary) : metrics((Comparison) results)));
        return text.toString();
    }

    private static String progress(JobProgress.Snapshot progress) {
        if (progress.totalEpochs() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "epoch %d/%d batch %d/%d%s", progress.epoch(), progress.totalEpochs(),
                progress.batch(), progress.batches(), progress.lastLoss() == null ? ""
                        : String.format(Locale.ROOT, " loss %.4f", progress.lastLoss()));
    }

    private static String metrics(RunSummary summary) {
        Table table = new Table("METRIC", "VALID", "TEST");
        summary.test().forEach((metric, test) -> table.row(metric, number(summary.valid().get(metric)),
                number(test)));
        return table.toString();
    }

    private static String metrics(Comparison comparison) {
        Table table = new Table("ASSEMBLY", "METRIC", "TEST MEAN", "STD");
        for (AssemblyComparison assembly : comparison.assemblies()) {
            assembly.test().forEach((metric, value) -> table.row(assembly.assembly(), metric, number(value.mean()),
                    number(value.std())));
        }
        return table.toString();
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The service properties that make Gogo offer these commands. */
    public static Map<String, Object> serviceProperties() {
        return Map.of("osgi.command.scope", SCOPE, "osgi.command.function", FUNCTIONS.toArray(String[]::new));
    }
}
