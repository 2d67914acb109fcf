package io.mosaic.runtime.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Apache Felix framework: installs and starts the built-in bundles, lets FileInstall watch the plugins
 * folder, and keeps running when a bundle fails (the failure is reported, never thrown at the caller).
 */
public final class FrameworkHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkHost.class);
    private static final String STORAGE_PREFIX = "pid-";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /**
     * FileInstall starts the plugins it finds as soon as it starts itself: it starts last, once SCR runs, so that a
     * plugin whose activation hangs holds up FileInstall's thread rather than the built-in bundles' start.
     */
    private static final String FILE_INSTALL = "org.apache.felix.fileinstall";

    private final Framework framework;
    private final HostLayout layout;
    private final Path storage;
    private final Map<Long, String> startFailures = new HashMap<>();
    private final Duration startTimeout = ActivationTimeout.fromSystemProperty();
    private boolean startsStuck;

    private FrameworkHost(Framework framework, HostLayout layout, Path storage) {
        this.framework = framework;
        this.layout = layout;
        this.storage = storage;
    }

    /**
     * Boots the framework.
     *
     * @param exports what the system bundle offers bundles from the host (see {@link SystemPackages})
     * @param addOns   further properties and bundles of the command's mode
     */
    public static FrameworkHost start(HostLayout layout, SystemPackages exports, FrameworkAddOns addOns) {
        Path storage = freshStorage(layout.cache().resolve("framework"));
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exports.value());
        config.put(Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA, exports.capabilities());
        config.put("felix.log.logger", new FelixLog());
        config.put("felix.log.level", "2");
        config.put("felix.fileinstall.dir", layout.plugins().toString());
        config.put("felix.fileinstall.poll", Long.toString(layout.pollInterval().toMillis()));
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.filter", ".*\\.jar");
        config.put("felix.fileinstall.log.level", "1");
        config.put("felix.fileinstall.tmpdir", storage.resolve("fileinstall").toString());
        config.putAll(addOns.properties());
        try {
            Files.createDirectories(layout.plugins());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugins folder " + layout.plugins(), e);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> stringly = (Map) config;
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"))
                .newFramework(stringly);
        FrameworkHost host = new FrameworkHost(framework, layout, storage);
        List<Path> folders = new ArrayList<>();
        folders.add(layout.bundles());
        folders.addAll(addOns.bundleFolders());
        host.boot(folders);
        return host;
    }

    private void boot(List<Path> bundleFolders) {
        try {
            framework.init();
            List<Bundle> installed = new ArrayList<>();
            for (Path folder : bundleFolders) {
                for (Path jar : jarsIn(folder)) {
                    installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
                }
            }
            framework.start();
            installed.sort(Comparator.comparing((Bundle b) -> FILE_INSTALL.equals(b.getSymbolicName())));
            for (Bundle bundle : installed) {
                startQuietly(bundle);
            }
        } catch (BundleException e) {
            throw new IllegalStateException("the OSGi framework did not start: " + e.getMessage(), e);
        }
    }

    /** Starts {@code bundle}, recording why it did not start. */
    private void startQuietly(Bundle bundle) {
        start(bundle).ifPresent(problem -> {
            startFailures.put(bundle.getBundleId(), problem);
            LOG.error("bundle {} did not start: {}", bundle.getSymbolicName(), problem);
        });
    }

    /**
     * Starts {@code bundle} and says why it did not start, if it did not. Starting a bundle activates its immediate
     * components on the starting thread, and a plugin's activate method may never return: the start runs on a daemon
     * thread of its own, which is abandoned when it takes longer than the {@link ActivationTimeout}.
     */
    private Optional<String> start(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return Optional.empty();
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                bundle.start();
                started.complete(null);
            } catch (BundleException | RuntimeException | LinkageError e) {
                started.completeExceptionally(e);
            }
        }, "mosaic-start-" + bundle.getSymbolicName());
        starter.setDaemon(true);
        starter.start();
        try {
            started.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (TimeoutException e) {
            startsStuck = true;
            return Optional.of("did not start within " + ActivationTimeout.format(startTimeout) + " (a component "
                    + "activated as it starts, its own or a plugin's it installs, has not returned)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("its start was interrupted");
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Waits until FileInstall has installed every jar of the plugins folder, or {@code timeout} passes, then starts
     * each of those bundles that is not active yet (FileInstall may not have reached it), so that their components
     * are registered when this returns. A bundle that cannot start is recorded, as at boot.
     *
     * @return the jars that were not installed in time (not bundles, or unreadable)
     */
    public List<Path> awaitPlugins(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Path> missing = notInstalled();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
            missing = notInstalled();
        }
        bundlesByFile().forEach((file, bundle) -> {
            if (file.startsWith(layout.plugins()) && bundle.getState() != Bundle.ACTIVE) {
                startQuietly(bundle);
            }
        });
        return missing;
    }

    private List<Path> notInstalled() {
        Map<Path, Bundle> byFile = bundlesByFile();
        return jarsIn(layout.plugins()).stream().filter(jar -> !byFile.containsKey(jar)).toList();
    }

    /** Every bundle but the system bundle, with the reason it is not active where it is not. */
    public List<BundleStatus> bundles() {
        List<BundleStatus> statuses = new ArrayList<>();
        for (Bundle bundle : context().getBundles()) {
            if (bundle.getBundleId() == 0) {
                continue;
            }
            statuses.add(BundleStatus.of(bundle, problemOf(bundle)));
        }
        return statuses;
    }

    /** Why {@code bundle} is not active, if it is not: its start failure, or what a fresh start attempt says. */
    public Optional<String> problemOf(Bundle bundle) {
        if (bundle.getState() == Bundle.ACTIVE || bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return Optional.empty();
        }
        String known = startFailures.get(bundle.getBundleId());
        if (known != null) {
            return Optional.of(known);
        }
        return start(bundle);
    }

    /** The bundles installed from a file, by that file's absolute path. */
    public Map<Path, Bundle> bundlesByFile() {
        Map<Path, Bundle> byFile = new LinkedHashMap<>();
        for (Bundle bundle : context().getBundles()) {
            fileOf(bundle).ifPresent(file -> byFile.put(file, bundle));
        }
        return byFile;
    }

    private static Optional<Path> fileOf(Bundle bundle) {
        try {
            URI uri = URI.create(bundle.getLocation());
            return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri).toAbsolutePath().normalize())
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the framework is still up: not stopped from inside (the shell's {@code stop 0}) or by close. */
    public boolean running() {
        return (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
    }

    /**
     * Blocks until the framework stops: from {@link #close()}, or from inside (the shell's {@code stop 0}, or its
     * console ending).
     */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    @Override
    public void close() {
        try {
            framework.stop();
            // A bundle whose start never returned holds its lock, and stopping it would wait for good.
            framework.waitForStop((startsStuck ? startTimeout : Duration.ofSeconds(30)).toMillis());
        } catch (BundleException e) {
            LOG.warn("the framework did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(storage);
        }
    }

    private static List<Path> jarsIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : stream) {
                jars.add(jar.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        jars.sort(Comparator.naturalOrder());
        return jars;
    }

    /**
     * A storage folder of this framework's own (named by process id and instance); folders left by processes that
     * no longer run are removed, so that several runtimes can work side by side without sharing framework state.
     */
    private static Path freshStorage(Path root) {
        try {
            Files.createDirectories(root);
            try (Stream<Path> stale = Files.list(root)) {
                stale.filter(FrameworkHost::ownerIsGone).forEach(FrameworkHost::deleteTree);
            }
            Path storage = root.resolve(STORAGE_PREFIX + ProcessHandle.current().pid() + "-"
                    + INSTANCES.incrementAndGet());
            deleteTree(storage);
            return Files.createDirectories(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare framework storage under " + root, e);
        }
    }

    private static boolean ownerIsGone(Path folder) {
        String name = folder.getFileName().toString();
        if (!name.startsWith(STORAGE_PREFIX)) {
            return false;
        }
        try {
            String owner = name.substring(STORAGE_PREFIX.length());
            long pid = Long.parseLong(owner.contains("-") ? owner.substring(0, owner.indexOf('-')) : owner);
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for plugins", e);
        }
    }
}
