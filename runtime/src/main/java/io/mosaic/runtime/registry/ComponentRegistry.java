package io.mosaic.runtime.registry;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.runtime.osgi.ActivationTimeout;
import io.mosaic.runtime.osgi.ComponentDiagnostics;
import io.mosaic.runtime.osgi.ComponentFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The Mosaic components currently registered in the framework: every service with a
 * {@value MosaicComponent#KIND_PROPERTY} property. It follows bundles as they come and go.
 */
public final class ComponentRegistry implements ComponentLookup, AutoCloseable {
    private static final Comparator<RegisteredComponent> ORDER = Comparator
            .comparing(RegisteredComponent::kind)
            .thenComparing(RegisteredComponent::name)
            .thenComparing(RegisteredComponent::bundleVersion, Comparator.reverseOrder())
            .thenComparing(RegisteredComponent::serviceId);

    private final BundleContext context;
    private final Duration activationTimeout;
    private final ServiceTracker<Object, Activation> tracker;

    /** Follows {@code context}'s services; activations wait as {@link ActivationTimeout} says. */
    public ComponentRegistry(BundleContext context) {
        this(context, ActivationTimeout.fromSystemProperty());
    }

    ComponentRegistry(BundleContext context, Duration activationTimeout) {
        this.context = context;
        this.activationTimeout = activationTimeout;
        try {
            tracker = new ServiceTracker<>(context,
                    FrameworkUtil.createFilter("(" + MosaicComponent.KIND_PROPERTY + "=*)"), activations(context));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open(true);
    }

    /**
     * Tracks each component's reference without getting its service (which would activate the component on the
     * thread that registered or tracked it, without a bound).
     */
    private static ServiceTrackerCustomizer<Object, Activation> activations(BundleContext context) {
        return new ServiceTrackerCustomizer<>() {
            @Override
            public Activation addingService(ServiceReference<Object> reference) {
                return new Activation(context, reference);
            }

            @Override
            public void modifiedService(ServiceReference<Object> reference, Activation activation) {
                // The kind and name are read from the reference each time.
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Activation activation) {
                activation.release();
            }
        };
    }

    /**
     * Every registered component whose provider has activated, by kind and name, newest version first. Components
     * are activated together, and those not activated within the timeout are left out (see {@link #stalled()}).
     */
    public List<RegisteredComponent> all() {
        SortedMap<ServiceReference<Object>, Activation> tracked = tracker.getTracked();
        tracked.values().forEach(Activation::start);
        List<RegisteredComponent> components = new ArrayList<>();
        tracked.forEach((reference, activation) -> activation.await(activationTimeout)
                .flatMap(service -> toComponent(reference, service)).ifPresent(components::add));
        components.sort(ORDER);
        return components;
    }

    /**
     * The components whose activation was started and has not returned within the timeout, each naming its
     * bundle: a plugin's activate method that blocks.
     */
    public List<ComponentFailure> stalled() {
        return tracker.getTracked().values().stream().filter(a -> a.stalled(activationTimeout))
                .map(a -> a.stall(activationTimeout)).toList();
    }

    /** Every registered component of {@code kind}. */
    public List<RegisteredComponent> ofKind(ComponentKind kind) {
        return all().stream().filter(c -> c.kind() == kind).toList();
    }

    /**
     * {@inheritDoc} The message names the bundle and the reason when an installed bundle declares the component but
     * it failed to activate; else other installed versions, the same name under another kind, or the closest names
     * of this kind.
     */
    @Override
    public RegisteredComponent resolve(ComponentKind kind, ComponentRef ref, Optional<String> bundle) {
        List<RegisteredComponent> active = all();
        return resolve(active, () -> Stream.concat(stalled().stream(),
                ComponentDiagnostics.failures(context).stream()).toList(), kind, ref, bundle);
    }

    /**
     * Resolves {@code ref} among {@code components}, as {@link #resolve(ComponentKind, ComponentRef, Optional)} does
     * in a framework where no component failed.
     */
    public static RegisteredComponent resolve(List<RegisteredComponent> components, ComponentKind kind,
                                              ComponentRef ref, Optional<String> bundle) {
        return resolve(components, List::of, kind, ref, bundle);
    }

    /**
     * Resolves {@code ref} (from {@code bundle} when given) among {@code components}; when none matches,
     * {@code failures} (asked only then) tell whether the component is installed but not active.
     */
    static RegisteredComponent resolve(List<RegisteredComponent> components,
                                       Supplier<List<ComponentFailure>> failures, ComponentKind kind,
                                       ComponentRef ref, Optional<String> bundle) {
        List<RegisteredComponent> all = components.stream().sorted(ORDER).toList();
        List<RegisteredComponent> offered = all.stream()
                .filter(c -> c.kind() == kind && c.name().equals(ref.name())).toList();
        List<RegisteredComponent> named = offered.stream()
                .filter(c -> bundle.map(c.bundle()::equals).orElse(true)).toList();
        List<RegisteredComponent> matches = named.stream()
                .filter(c -> ref.versions().includes(c.bundleVersion())).toList();
        if (!matches.isEmpty()) {
            return unambiguous(kind, ref, matches);
        }
        List<String> inactive = failures.get().stream()
                .filter(f -> f.declares(kind, ref.name()) && ref.versions().includes(f.bundleVersion())
                        && bundle.map(f.bundle()::equals).orElse(true))
                .map(ComponentFailure::toString).toList();
        if (!inactive.isEmpty()) {
            throw new UnknownComponentException(kind.id() + " '" + ref.name() + "' is installed but not active: "
                    + String.join("; ", inactive));
        }
        if (named.isEmpty() && bundle.isPresent() && !offered.isEmpty()) {
            List<String> bundles = bundlesOf(offered);
            throw new UnknownComponentException(offered.get(0).label() + " comes from "
                    + (bundles.size() == 1 ? "bundle " : "bundles ") + String.join(" and ", bundles) + ", not "
                    + bundle.get());
        }
        if (!named.isEmpty()) {
            throw new UnknownComponentException("no version of " + kind.id() + " '" + ref.name() + "' in "
                    + ref.versions() + "; installed: "
                    + String.join(", ", named.stream().map(c -> c.bundleVersion().toString()).toList()));
        }
        List<String> otherKinds = all.stream().filter(c -> c.name().equals(ref.name()))
                .map(c -> c.kind().id()).distinct().toList();
        if (!otherKinds.isEmpty()) {
            throw new UnknownComponentException("'" + ref.name() + "' is " + String.join(" and ",
                    otherKinds.stream().map(ComponentRegistry::withArticle).toList()) + ", not "
                    + withArticle(kind.id()));
        }
        List<String> names = all.stream().filter(c -> c.kind() == kind).map(RegisteredComponent::name)
                .distinct().toList();
        StringBuilder message = new StringBuilder("unknown " + kind.id() + " '" + ref.name() + "'");
        List<String> close = closest(ref.name(), names);
        if (close.isEmpty()) {
            message.append('.');
        } else {
            message.append("; did you mean ").append(String.join(" or ", close)).append('?');
        }
        message.append(names.isEmpty() ? " No " + kind.id() + " is installed."
                : " Known " + kind.id() + "s: " + String.join(", ", names) + ".");
        throw new UnknownComponentException(message.toString());
    }

    /**
     * The newest of {@code matches} (newest first) when they all come from one bundle; else the reference is
     * ambiguous, and the message names each bundle and how to pin one.
     */
    private static RegisteredComponent unambiguous(ComponentKind kind, ComponentRef ref,
                                                   List<RegisteredComponent> matches) {
        RegisteredComponent newest = matches.get(0);
        if (matches.stream().allMatch(c -> c.bundle().equals(newest.bundle()))) {
            return newest;
        }
        List<RegisteredComponent> newestOfEach = matches.stream().map(RegisteredComponent::bundle).distinct()
                .map(b -> matches.stream().filter(c -> c.bundle().equals(b)).findFirst().orElseThrow()).toList();
        RegisteredComponent example = newestOfEach.get(newestOfEach.size() - 1);
        throw new UnknownComponentException(kind.id() + " '" + ref.name() + "' is ambiguous: "
                + String.join(" and ", newestOfEach.stream()
                        .map(c -> "bundle " + c.bundle() + " " + c.bundleVersion()).toList())
                + " each offer it; pin one with 'bundle: <symbolic name>' beside 'use: " + ref + "' (e.g. bundle: "
                + example.bundle() + ") or with a version range (e.g. " + ref.name() + "@["
                + example.bundleVersion() + "," + example.bundleVersion() + "])");
    }

    /** The symbolic names of the bundles of {@code components}, each once. */
    private static List<String> bundlesOf(List<RegisteredComponent> components) {
        return components.stream().map(RegisteredComponent::bundle).distinct().toList();
    }

    /** The names among {@code candidates} within a small edit distance of {@code name}, closest first. */
    static List<String> closest(String name, List<String> candidates) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        int limit = Math.max(2, name.length() / 3);
        return candidates.stream()
                .filter(c -> distance.apply(name, c) <= limit || c.contains(name) || name.contains(c))
                .sorted(Comparator.comparingInt((String c) -> distance.apply(name, c)).thenComparing(c -> c))
                .limit(3).toList();
    }

    /** {@code an encoder}, {@code a fusion}: the kind's name after its indefinite article. */
    private static String withArticle(String kind) {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /**
     * The component {@code reference} offers, if it still does. The reference's bundle is read once: a bundle
     * uninstalled meanwhile (FileInstall on its own thread) makes {@code getBundle()} return null from then on.
     */
    private static Optional<RegisteredComponent> toComponent(ServiceReference<Object> reference, Object service) {
        Object kind = reference.getProperty(MosaicComponent.KIND_PROPERTY);
        Object name = reference.getProperty(MosaicComponent.NAME_PROPERTY);
        Bundle provider = reference.getBundle();
        if (!(service instanceof ComponentFactory factory) || kind == null || name == null || provider == null) {
            return Optional.empty();
        }
        ComponentKind componentKind;
        try {
            componentKind = ComponentKind.valueOf(kind.toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        long serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
        boolean host = provider.getBundleId() == 0;
        String bundle = host ? HostComponents.PROVIDER : provider.getSymbolicName();
        Version version = host ? HostComponents.version() : provider.getVersion();
        return Optional.of(new RegisteredComponent(componentKind, name.toString(), bundle, version, serviceId,
                factory));
    }

    /** Stops following services, giving back those got and interrupting activations that are still stuck. */
    @Override
    public void close() {
        tracker.close();
    }
}
