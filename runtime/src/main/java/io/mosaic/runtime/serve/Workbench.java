package io.mosaic.runtime.serve;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.api.component.ParameterSpec;
import io.mosaic.runtime.assembly.AssemblyCatalog;
import io.mosaic.runtime.assembly.AssemblyFiles;
import io.mosaic.runtime.assembly.AssemblyText;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.compare.ComparisonFiles;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.CompareService;
import io.mosaic.runtime.host.Health;
import io.mosaic.runtime.host.MosaicRuntime;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.osgi.BundleStatus;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.run.AtomicFiles;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a serving runtime offers, whatever asks (the Gogo shell or the HTTP API): the installed components and
 * assemblies, its health, and runs and comparisons submitted as jobs. An assembly is checked when it is submitted, so
 * that a mistake is answered at once with its file and line; a job resolves it again when it starts, and the run pins
 * the components it resolved then.
 */
@Singleton
public final class Workbench implements AutoCloseable {
    /** The folder under the runs folder where assemblies submitted as text are kept. */
    public static final String SUBMITTED = "submitted";
    /** How problems name an assembly posted as text. */
    public static final String POSTED = "posted YAML";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Session session;
    private final AssemblyService assemblies;
    private final RunService runs;
    private final CompareService compares;
    private final RuntimeOptions options;
    private final Jobs jobs;
    private final AtomicInteger submissions = new AtomicInteger();

    @Inject
    public Workbench(Session session, AssemblyService assemblies, RunService runs, CompareService compares,
                     RuntimeOptions options) {
        this.session = session;
        this.assemblies = assemblies;
        this.runs = runs;
        this.compares = compares;
        this.options = options;
        this.jobs = new Jobs(JobIds.in(options.runs()));
    }

    /** The runs folder: run folders, seed groups and comparisons, made by this server or before it. */
    public Path runs() {
        return options.runs();
    }

    /** The URL of the page of {@code folder} (a job's), relative to the server's root, once it has one. */
    public Optional<String> report(Path folder) {
        Path runs = options.runs().toAbsolutePath().normalize();
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute.startsWith(runs) && !absolute.equals(runs)
                ? Optional.ofNullable(PastWork.report(runs, runs.relativize(absolute).toString())) : Optional.empty();
    }

    /** An installed component and what it takes. */
    public record ComponentView(String kind, String name, String version, String bundle, String description,
                                List<ParameterView> parameters) {
    }

    /** One parameter of a component; {@code defaultValue} is {@code null} for a required one. */
    public record ParameterView(String name, String type, Object defaultValue, boolean required, String description) {
    }

    /** An assembly a bundle ships. */
    public record AssemblyView(String name, String bundle, String version) {
    }

    /** A bundle and, where it is not active, why. */
    public record BundleView(long id, String name, String version, String state, String problem) {
    }

    /** The runtime at one moment: where it lives, its bundles, its problems and its jobs by state. */
    public record StatusView(String home, String plugins, String runs, double uptimeSeconds, int components,
                             List<BundleView> bundles, List<String> problems, Map<JobState, Long> jobs) {
    }

    public List<ComponentView> components() {
        return runtime().registry().all().stream().map(Workbench::view).toList();
    }

    public List<AssemblyView> assemblies() {
        return runtime().catalog().entries().stream()
                .map(e -> new AssemblyView(e.name(), e.bundle(), e.version())).toList();
    }

    public StatusView status() {
        MosaicRuntime runtime = runtime();
        List<BundleView> bundles = runtime.host().bundles().stream().map(Workbench::view).toList();
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, 0L);
        }
        jobs.all().forEach(job -> byState.merge(job.view().state(), 1L, Long::sum));
        return new StatusView(options.home().toString(), options.plugins().toString(), options.runs().toString(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, runtime.registry().all().size(), bundles,
                Health.problems(runtime), byState);
    }

    public List<Job> jobs() {
        return jobs.all();
    }

    public Optional<Job> job(int id) {
        return jobs.find(id);
    }

    /**
     * Cancels job {@code id}: a queued job never starts, a running one stops at its next step boundary (or is
     * abandoned where it is stuck, see {@link Jobs}).
     *
     * @return the job, or empty when there is none
     * @throws IllegalStateException when the job has ended
     */
    public Optional<Job> cancel(int id) {
        return jobs.cancel(id);
    }

    /**
     * Submits a run of {@code nameOrFile} (an installed assembly or a YAML file) with {@code key.path=value}
     * overrides.
     *
     * @throws io.mosaic.runtime.assembly.AssemblyException when the assembly does not resolve, naming file and line
     */
    public Job submitRun(String nameOrFile, List<String> overrides) {
        ResolvedAssembly checked = assemblies.resolve(nameOrFile, overrides);
        List<String> given = List.copyOf(overrides);
        return jobs.submit("run", checked.name(), job -> {
            ResolvedAssembly assembly = assemblies.resolve(nameOrFile, given);
            RunFolder folder = runs.newFolder(assembly);
            job.folder(folder.path());
            return runs.run(assembly, folder, job.progress()).path();
        });
    }

    /**
     * Submits a run of the assembly {@code lookup} finds by {@code name}, which also finds what it
     * {@code extends:}, unless {@code maxPending} jobs are pending.
     *
     * @throws io.mosaic.runtime.assembly.AssemblyException when the assembly does not resolve, naming file and line
     * @throws Jobs.QueueFullException when the queue is full
     */
    public Job submitRun(String name, Function<String, AssemblyText> lookup, List<String> overrides,
                         int maxPending) {
        jobs.requireRoom(maxPending);
        List<String> given = List.copyOf(overrides);
        ResolvedAssembly checked = assemblies.resolve(lookup.apply(name), lookup, given);
        return jobs.submit("run", checked.name(), job -> run(assemblies.resolve(lookup.apply(name), lookup, given),
                job), maxPending);
    }

    /**
     * Submits a run of an assembly given as YAML text, whose {@code extends:} {@code lookup} finds. The text is
     * checked first (problems name it {@value #POSTED} with their line); only an assembly that resolves is queued and
     * kept as a file under the runs folder's {@value #SUBMITTED} folder.
     *
     * @throws io.mosaic.runtime.assembly.AssemblyException when the text is too large or does not resolve
     * @throws Jobs.QueueFullException when the queue is full (then nothing is kept)
     */
    public Job submitRunOfText(String yaml, Function<String, AssemblyText> lookup, List<String> overrides,
                               int maxPending) {
        AssemblyFiles.checkSize(POSTED, yaml.getBytes(StandardCharsets.UTF_8).length);
        jobs.requireRoom(maxPending);
        List<String> given = List.copyOf(overrides);
        ResolvedAssembly checked = assemblies.resolve(new AssemblyText(POSTED, POSTED, yaml), lookup, given);
        Path kept = keep(yaml);
        AssemblyText text = new AssemblyText(POSTED, POSTED + " (kept as " + kept + ")", yaml);
        try {
            return jobs.submit("run", checked.name(), job -> run(assemblies.resolve(text, lookup, given), job),
                    maxPending);
        } catch (Jobs.QueueFullException e) {
            delete(kept);
            throw e;
        }
    }

    private Path run(ResolvedAssembly assembly, Job job) {
        RunFolder folder = runs.newFolder(assembly);
        job.folder(folder.path());
        return runs.run(assembly, folder, job.progress()).path();
    }

    /** Submits a comparison of {@code namesOrFiles} over {@code seeds} seeds (see {@link CompareService}). */
    public Job submitCompare(List<String> namesOrFiles, int seeds, List<String> overrides) {
        return submitCompare(namesOrFiles, seeds, overrides, name -> session.runtime().catalog().find(name),
                Integer.MAX_VALUE);
    }

    /**
     * Submits a comparison of the assemblies {@code lookup} finds, unless {@code maxPending} jobs are pending. Each
     * is checked through {@code lookup} first; the comparison then reads installed ones by name and files by the
     * path {@code lookup} found.
     */
    public Job submitCompare(List<String> namesOrFiles, int seeds, List<String> overrides,
                             Function<String, AssemblyText> lookup, int maxPending) {
        if (namesOrFiles.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two assemblies, found "
                    + namesOrFiles.size());
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, found " + seeds);
        }
        jobs.requireRoom(maxPending);
        List<String> given = List.copyOf(overrides);
        List<String> found = namesOrFiles.stream().map(nameOrFile -> {
            AssemblyText text = lookup.apply(nameOrFile);
            assemblies.resolve(text, lookup, given);
            return text.source().startsWith("bundle:") ? nameOrFile : text.source();
        }).toList();
        return jobs.submit("compare", String.join(" vs ", namesOrFiles),
                job -> compares.compare(found, given, seeds, job.progress()).path(), maxPending);
    }

    /** A completed run's {@code metrics.json}, or a completed comparison's {@code comparison.json}. */
    public Optional<Object> results(Job job) {
        Job.View view = job.view();
        if (view.state() != JobState.COMPLETED) {
            return Optional.empty();
        }
        RunFolder folder = RunFolder.open(Path.of(view.folder()));
        return Optional.of(view.kind().equals("run") ? (Object) folder.summary() : ComparisonFiles.read(folder));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private Path keep(String yaml) {
        Path folder = options.runs().resolve(SUBMITTED);
        Path file = folder.resolve("assembly-" + LocalDateTime.now().format(STAMP) + "-"
                + submissions.incrementAndGet() + ".yaml");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + " for the submitted assembly", e);
        }
        AtomicFiles.writeString(file, yaml);
        return file;
    }

    private MosaicRuntime runtime() {
        return session.runtime();
    }

    private static ComponentView view(RegisteredComponent c) {
        return new ComponentView(c.kind().id(), c.name(), c.bundleVersion().toString(), c.bundle(),
                c.factory().description(), c.factory().parameters().specs().stream().map(Workbench::view).toList());
    }

    private static ParameterView view(ParameterSpec p) {
        return new ParameterView(p.name(), p.type().id(), p.defaultValue(), p.required(),
                p.description() + p.constraint().map(c -> " (" + c + ")").orElse(""));
    }

    private static BundleView view(BundleStatus b) {
        return new BundleView(b.id(), b.symbolicName(), b.version(), b.state(), b.problem().orElse(null));
    }

    @Override
    public void close() {
        jobs.close();
    }
}
