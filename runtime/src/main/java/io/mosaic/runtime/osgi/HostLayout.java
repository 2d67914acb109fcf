package io.mosaic.runtime.osgi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the runtime finds its parts.
 *
 * @param bundles      the built-in bundles, installed and started at every boot
 * @param plugins      the watched folder: a jar copied in is installed and started, a jar deleted is uninstalled
 * @param cache        the runtime's own cache (framework storage, extracted natives); never the user's home
 * @param pollInterval how often the plugins folder is scanned
 */
public record HostLayout(Path bundles, Path plugins, Path cache, Duration pollInterval) {

    public HostLayout {
        bundles = bundles.toAbsolutePath().normalize();
        plugins = plugins.toAbsolutePath().normalize();
        cache = cache.toAbsolutePath().normalize();
    }

    /** The layout of an installation folder: {@code bundles/}, {@code plugins/} and {@code cache/} inside it. */
    public static HostLayout of(Path home) {
        return new HostLayout(home.resolve("bundles"), home.resolve("plugins"), home.resolve("cache"),
                Duration.ofMillis(500));
    }

    public HostLayout withPlugins(Path folder) {
        return new HostLayout(bundles, folder, cache, pollInterval);
    }
}
