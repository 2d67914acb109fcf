package io.mosaic.runtime.serve;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.api.component.ParameterSpec;
import io.mosaic.runtime.assembly.AssemblyCatalog;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Session session;
    private final AssemblyService assemblies;
    private final RunService runs;
    private final CompareService compares;
    private final RuntimeOptions options;
    private final Jobs jobs = new Jobs();
    private final AtomicInteger submissions = new AtomicInteger();

    @Inject
    public Workbench(Session session, AssemblyService assemblies, RunService runs, CompareService compares,
                     RuntimeOptions options) {
        this.session = session;
        this.assemblies = assemblies;
        this.runs = runs;
        this.compares = compares;
        this.options = options;
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
     * Submits a run of an assembly given as YAML text. The text is kept as a file under the runs folder's
     * {@value #SUBMITTED} folder, which problems name with their line.
     */
    public Job submitRunOfText(String yaml, List<String> overrides) {
        return submitRun(keep(yaml).toString(), overrides);
    }

    /** Submits a comparison of {@code namesOrFiles} over {@code seeds} seeds (see {@link CompareService}). */
    public Job submitCompare(List<String> namesOrFiles, int seeds, List<String> overrides) {
        if (namesOrFiles.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two assemblies, found "
                    + namesOrFiles.size());
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be at least 1, found " + seeds);
        }
        namesOrFiles.forEach(nameOrFile -> assemblies.resolve(nameOrFile, overrides));
        List<String> names = List.copyOf(namesOrFiles);
        List<String> given = List.copyOf(overrides);
        return jobs.submit("compare", String.join(" vs ", names),
                job -> compares.compare(names, given, seeds, job.progress()).path());
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
