package io.mosaic.runtime.registry;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the code of resolved components loadable for as long as their instances are used, whatever happens to their
 * bundles meanwhile.
 *
 * <p>When FileInstall updates or uninstalls a plugin's bundle it refreshes it (and every bundle wired to it), and
 * Felix disposes the replaced revisions' class loaders and closes their jars. The classes a disposed loader has
 * defined or resolved keep working, but it can look up no other class of its bundle ({@code "Unable to load class
 * ... because the bundle wiring for ... is no longer valid"}), nor a class of another disposed bundle it imports
 * from. A run that first needs such a class after the swap (an evaluation path, an inner class, a later epoch) would
 * fail halfway. Pinning resolves all of them up front through each revision's own loader: its classes, and the
 * classes of the packages it takes from other plugins, whose revisions are pinned in turn. Packages of the system
 * bundle (the api, DJL, the JDK) need nothing, as the framework never disposes it. Resources are not kept: a plugin
 * reads those when it builds its modules.
 */
public final class PinnedBundles {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedBundles.class);
    private static final String CLASS_SUFFIX = ".class";

    private PinnedBundles() {
    }

    /**
     * Pins each bundle revision that defined one of {@code types}, and the revisions those take packages from,
     * transitively. Types that no bundle defined (the runtime's own, the JDK's) are left alone.
     *
     * @return the pinned revisions, as {@code symbolic-name version}, each once
     * @throws UnknownComponentException when a revision was replaced or uninstalled and refreshed already, so that
     *                                   its classes can no longer be loaded
     */
    public static List<String> pin(Collection<? extends Class<?>> types) {
        Set<BundleWiring> pinned = new LinkedHashSet<>();
        for (Class<?> type : types) {
            Bundle bundle = FrameworkUtil.getBundle(type);
            if (bundle == null) {
                continue;
            }
            BundleWiring wiring = wiringOf(bundle, type.getClassLoader()).orElseThrow(() ->
                    new UnknownComponentException("the revision of bundle " + bundle.getSymbolicName()
                            + " that defined " + type.getName() + " was replaced or uninstalled since; resolve the "
                            + "assembly again"));
            pinWithProviders(wiring, pinned);
        }
        return pinned.stream().map(w -> w.getRevision().getSymbolicName() + " " + w.getRevision().getVersion())
                .toList();
    }

    /**
     * The wiring of {@code bundle} whose class loader is {@code loader}, while that loader can still load: none once
     * the framework has disposed of it.
     */
    private static Optional<BundleWiring> wiringOf(Bundle bundle, ClassLoader loader) {
        BundleRevisions revisions = bundle.adapt(BundleRevisions.class);
        if (revisions == null) {
            return Optional.empty();
        }
        for (BundleRevision revision : revisions.getRevisions()) {
            BundleWiring wiring = revision.getWiring();
            if (wiring != null && wiring.getClassLoader() == loader) {
                return Optional.of(wiring);
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves, through {@code wiring}'s loader, its own classes and those of every package it imports from a
     * bundle other than the system bundle; then does the same for those bundles, each once.
     */
    private static void pinWithProviders(BundleWiring wiring, Set<BundleWiring> pinned) {
        Deque<BundleWiring> pending = new ArrayDeque<>(List.of(wiring));
        while (!pending.isEmpty()) {
            BundleWiring next = pending.pop();
            if (isSystemBundle(next) || !pinned.add(next)) {
                continue;
            }
            resolveClasses(next, "/", BundleWiring.LISTRESOURCES_RECURSE, next);
            for (BundleWire wire : next.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                BundleWiring provider = wire.getProviderWiring();
                if (provider != null && !isSystemBundle(provider)) {
                    String imported = (String) wire.getCapability().getAttributes()
                            .get(PackageNamespace.PACKAGE_NAMESPACE);
                    resolveClasses(provider, imported.replace('.', '/'), 0, next);
                    pending.push(provider);
                }
            }
        }
    }

    /**
     * Resolves every class that {@code owner} holds under {@code path} through the loader of {@code through}, which
     * thereby keeps each of them (the JVM records the loader that resolved a class by name, and asks it no more).
     *
     * @param recurse {@link BundleWiring#LISTRESOURCES_RECURSE} to include subfolders, else 0
     */
    private static void resolveClasses(BundleWiring owner, String path, int recurse, BundleWiring through) {
        ClassLoader loader = through.getClassLoader();
        for (String resource : owner.listResources(path, "*" + CLASS_SUFFIX,
                BundleWiring.LISTRESOURCES_LOCAL | recurse)) {
            className(resource).ifPresent(name -> {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class that cannot be loaded now (its superclass comes from an optional import nobody
                    // exports, say) could not be used later either: pinning leaves its fate unchanged.
                    LOG.debug("not pinned: {} through {}: {}", name, through.getRevision().getSymbolicName(),
                            e.toString());
                }
            });
        }
    }

    private static boolean isSystemBundle(BundleWiring wiring) {
        return wiring.getRevision().getBundle().getBundleId() == 0;
    }

    /**
     * The class a {@code .class} entry holds, by its binary name; none for entries that hold no loadable class
     * ({@code module-info}, {@code package-info}, the versioned entries of a multi-release jar).
     */
    static Optional<String> className(String resource) {
        if (!resource.endsWith(CLASS_SUFFIX) || resource.startsWith("META-INF/")) {
            return Optional.empty();
        }
        String name = resource.substring(0, resource.length() - CLASS_SUFFIX.length());
        String simpleName = name.substring(name.lastIndexOf('/') + 1);
        if (simpleName.contains("-")) {
            return Optional.empty();
        }
        return Optional.of(name.replace('/', '.'));
    }
}
