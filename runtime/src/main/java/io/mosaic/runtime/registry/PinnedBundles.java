package io.mosaic.runtime.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the code of resolved components loadable for as long as their instances are used, whatever happens to their
 * bundles meanwhile.
 *
 * <p>When FileInstall updates or uninstalls a plugin's bundle it refreshes it, and Felix disposes the replaced
 * revision's class loader and closes its jar: the classes that loader already defined keep working, but it can load
 * no other class of the bundle ({@code "Unable to load class ... because the bundle wiring for ... is no longer
 * valid"}). A run that first needs such a class after the swap (an evaluation path, an inner class, a later epoch)
 * would fail halfway. Pinning loads every class of each revision up front, so that the instances resolved from it
 * need nothing more from its jar. Its resources are not kept: a plugin reads those when it builds its modules.
 */
public final class PinnedBundles {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedBundles.class);
    private static final String CLASS_SUFFIX = ".class";

    private PinnedBundles() {
    }

    /**
     * Loads every class of each bundle revision that defined one of {@code types}; types that no bundle defined
     * (the runtime's own, the JDK's) are left alone.
     *
     * @return the pinned revisions, as {@code symbolic-name version}
     * @throws UnknownComponentException when a revision was replaced or uninstalled and refreshed already, so that
     *                                   its classes can no longer be loaded
     */
    public static List<String> pin(Collection<? extends Class<?>> types) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        List<String> pinned = new ArrayList<>();
        for (Class<?> type : types) {
            Bundle bundle = FrameworkUtil.getBundle(type);
            if (bundle == null || bundle.getBundleId() == 0 || !loaders.add(type.getClassLoader())) {
                continue;
            }
            BundleWiring wiring = wiringOf(bundle, type.getClassLoader()).orElseThrow(() ->
                    new UnknownComponentException("the revision of bundle " + bundle.getSymbolicName()
                            + " that defined " + type.getName() + " was replaced or uninstalled since; resolve the "
                            + "assembly again"));
            loadAll(wiring);
            pinned.add(wiring.getRevision().getSymbolicName() + " " + wiring.getRevision().getVersion());
        }
        return pinned;
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

    private static void loadAll(BundleWiring wiring) {
        ClassLoader loader = wiring.getClassLoader();
        for (String resource : wiring.listResources("/", "*" + CLASS_SUFFIX,
                BundleWiring.LISTRESOURCES_LOCAL | BundleWiring.LISTRESOURCES_RECURSE)) {
            className(resource).ifPresent(name -> {
                try {
                    loader.loadClass(name);
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class that cannot be defined now (its superclass comes from an optional import nobody
                    // exports, say) could not be used later either: pinning leaves its fate unchanged.
                    LOG.debug("not pinned: {} of {}: {}", name, wiring.getRevision().getSymbolicName(), e.toString());
                }
            });
        }
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
