package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.ComponentPin;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.registry.UnknownComponentException;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The assembly a run folder records, as a resumed run continues it: every component at the bundle version that ran,
 * never one installed since. Resuming fails, naming them, when versions that ran are no longer installed, and naming
 * each setting, when the command line asks for other settings than the run started with.
 */
@Singleton
public final class RecordedAssemblies {
    /** The most differing settings an error lists. */
    private static final int LISTED = 10;

    private final Session session;
    private final AssemblyService assemblies;

    @Inject
    public RecordedAssemblies(Session session, AssemblyService assemblies) {
        this.session = session;
        this.assemblies = assemblies;
    }

    /**
     * What to resume {@code folder} with: the assembly it records, each component at the version that ran; or
     * {@code requested}, the assembly and settings the command line gives, when it resolved to exactly that.
     *
     * @throws UnknownComponentException naming each recorded component version that is not installed
     * @throws IllegalArgumentException  naming each setting in which {@code requested} differs from the record
     */
    public ResolvedAssembly toResume(RunFolder folder, Optional<ResolvedAssembly> requested) {
        Path file = folder.path().resolve(RunFolder.RESOLVED);
        String record = folder.readText(RunFolder.RESOLVED);
        if (requested.isPresent()
                && ResolvedAssemblyWriter.body(requested.get()).equals(ResolvedAssemblyWriter.bodyOf(record))) {
            return requested.get();
        }
        List<RegisteredComponent> installed = session.runtime().registry().all();
        List<String> missing = ComponentPin.read(file.toString(), record).stream().distinct()
                .filter(pin -> installed.stream().noneMatch(pin::matches))
                .map(pin -> pin + ", which is not installed (installed: " + versionsOf(pin.name(), installed) + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new UnknownComponentException("cannot resume " + folder.path() + ": it ran " + String.join("; ",
                    missing) + ". Install the version it ran to resume it, or start a new run.");
        }
        ResolvedAssembly recorded = assemblies.resolve(file.toString(), List.of());
        List<ResolvedAssemblyWriter.Difference> differences = requested
                .map(r -> ResolvedAssemblyWriter.differences(recorded, r)).orElse(List.of());
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("cannot resume " + folder.path() + " with other settings than it "
                    + "started with (its " + RunFolder.RESOLVED + "): " + describe(differences) + ". Resume it with "
                    + "--resume " + folder.path() + " alone, or start a new run");
        }
        return recorded;
    }

    /** {@code key: the run has a, the command line says b; ...}, at most {@link #LISTED} of them. */
    private static String describe(List<ResolvedAssemblyWriter.Difference> differences) {
        List<String> listed = differences.stream().limit(LISTED).map(d -> d.key() + ": the run has "
                + value(d.first()) + ", the command line says " + value(d.second())).toList();
        return String.join("; ", listed) + (differences.size() > LISTED ? "; and " + (differences.size() - LISTED)
                + " more" : "");
    }

    private static String value(Object value) {
        return value == null ? "none" : value.toString();
    }

    /** The installed versions of components called {@code name}, as {@code name version}. */
    private static String versionsOf(String name, List<RegisteredComponent> installed) {
        List<String> versions = installed.stream().filter(c -> c.name().equals(name))
                .map(c -> c.name() + " " + c.bundleVersion()).distinct().toList();
        return versions.isEmpty() ? "none" : String.join(", ", versions);
    }
}
