package io.mosaic.runtime.serve;

import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.text.Table;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Mosaic commands of the Gogo shell, in scope {@value #SCOPE}: {@code run}, {@code compare}, {@code components},
 * {@code assemblies}, {@code status}, {@code cancel} and {@code help}. Each returns the text the shell prints; each
 * command's {@link ShellHelp} is what {@code mosaic:help} shows.
 */
public final class ShellCommands {
    public static final String SCOPE = "mosaic";
    public static final List<String> FUNCTIONS = List.of("run", "compare", "components", "assemblies", "status",
            "cancel", "help");

    private final Workbench workbench;

    public ShellCommands(Workbench workbench) {
        this.workbench = workbench;
    }

    /** {@code mosaic:run <assembly> [key.path=value ...]}: queues a run; {@code status <id>} follows it. */
    @ShellHelp(usage = "mosaic:run ASSEMBLY [KEY=VALUE ...]", value = "Queue a run of an installed assembly, with "
            + "overrides such as train.epochs=3; prints the job's number for mosaic:status.")
    public String run(String assembly, String... overrides) {
        Job job = workbench.submitRun(assembly, List.of(overrides));
        return "job " + job.id() + " queued: run of " + job.view().title();
    }

    /**
     * {@code mosaic:compare <seeds> <assembly> <assembly> ... [key.path=value ...]}: queues a comparison; the words
     * holding {@code =} are overrides for every assembly, the others the assemblies, the first the reference.
     */
    @ShellHelp(usage = "mosaic:compare SEEDS ASSEMBLY ASSEMBLY... [KEY=VALUE ...]", value = "Queue a comparison of "
            + "assemblies over SEEDS seeds on the same data, the first as the reference; words with '=' override "
            + "every assembly.")
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
    @ShellHelp(usage = "mosaic:cancel JOB", value = "Cancel a job: a queued one never starts; a running one stops at "
            + "its next step boundary (its run folder resumes with run --resume), or is abandoned if stuck.")
    public String cancel(int id) {
        Job job = workbench.cancel(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
        Job.View view = job.view();
        return "job " + id + (view.state() == JobState.CANCELLED ? " cancelled" : " stopping at its next step "
                + "boundary; mosaic:status " + id + " follows it");
    }

    /** {@code mosaic:components}: the installed components with their versions and bundles. */
    @ShellHelp(usage = "mosaic:components", value = "List the installed components: kind, name, version, bundle.")
    public String components() {
        Table table = new Table("KIND", "NAME", "VERSION", "BUNDLE");
        workbench.components().forEach(c -> table.row(c.kind(), c.name(), c.version(), c.bundle()));
        return table.toString();
    }

    /** {@code mosaic:assemblies}: the assemblies the installed bundles ship. */
    @ShellHelp(usage = "mosaic:assemblies", value = "List the assemblies the installed bundles ship.")
    public String assemblies() {
        Table table = new Table("NAME", "BUNDLE", "VERSION");
        workbench.assemblies().forEach(a -> table.row(a.name(), a.bundle(), a.version()));
        return table.toString();
    }

    /** {@code mosaic:status}: the runtime's health and every job. */
    @ShellHelp(usage = "mosaic:status", value = "Show the runtime's health and every job with its state and "
            + "progress.")
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
    @ShellHelp(usage = "mosaic:status JOB", value = "Show one job's progress, then its metrics or why it failed.")
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

    /** {@code mosaic:help}: every Mosaic command with what it does. */
    @ShellHelp(usage = "mosaic:help", value = "List the Mosaic commands and what each does.")
    public String help() {
        return helpOf(FUNCTIONS);
    }

    /** {@code mosaic:help <command>}: one command's usages and what each does; {@code mosaic:} may be left out. */
    @ShellHelp(usage = "mosaic:help COMMAND", value = "Show what one Mosaic command does.")
    public String help(String command) {
        String function = command.startsWith(SCOPE + ":") ? command.substring(SCOPE.length() + 1) : command;
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException("no command " + SCOPE + ":" + function + "; commands: "
                    + String.join(", ", FUNCTIONS));
        }
        return helpOf(List.of(function));
    }

    private static String helpOf(List<String> functions) {
        StringBuilder text = new StringBuilder();
        for (String function : functions) {
            Arrays.stream(ShellCommands.class.getMethods())
                    .filter(m -> m.getName().equals(function) && m.isAnnotationPresent(ShellHelp.class))
                    .map(m -> m.getAnnotation(ShellHelp.class))
                    .sorted(Comparator.comparing(ShellHelp::usage))
                    .forEach(help -> text.append(help.usage()).append("\n    ").append(help.value()).append('\n'));
        }
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
