package io.mosaic.runtime.host;

import io.mosaic.runtime.osgi.HostLayout;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where this runtime lives and works.
 *
 * @param home       the installation: {@code lib/}, {@code bundles/}, {@code plugins/}, {@code cache/}
 * @param plugins    the watched plugins folder
 * @param runs       where run folders are created
 * @param pluginWait how long to wait at start for the plugins folder's jars to be installed
 */
public record RuntimeOptions(Path home, Path plugins, Path runs, Duration pluginWait) {

    public RuntimeOptions {
        home = home.toAbsolutePath().normalize();
        plugins = plugins.toAbsolutePath().normalize();
        runs = runs.toAbsolutePath().normalize();
    }

    /**
     * Options from the environment: {@code MOSAIC_HOME} (else the folder above the {@code lib/} that holds this
     * class), {@code MOSAIC_PLUGINS} (else {@code <home>/plugins}), {@code MOSAIC_RUNS} (else {@code ./runs}).
     */
    public static RuntimeOptions fromEnvironment(Map<String, String> env) {
        Path home = env.containsKey("MOSAIC_HOME") ? Path.of(env.get("MOSAIC_HOME")) : installationOf(
                RuntimeOptions.class);
        Path plugins = env.containsKey("MOSAIC_PLUGINS") ? Path.of(env.get("MOSAIC_PLUGINS"))
                : home.resolve("plugins");
        Path runs = env.containsKey("MOSAIC_RUNS") ? Path.of(env.get("MOSAIC_RUNS")) : Path.of("runs");
        return new RuntimeOptions(home, plugins, runs, Duration.ofSeconds(10));
    }

    public HostLayout layout() {
        return HostLayout.of(home).withPlugins(plugins);
    }

    public Path cache() {
        return home.resolve("cache");
    }

    /**
     * Where frozen encoders' outputs are cached, shared by every run of this installation: {@code <home>/cache/encoders}
     * (beside the framework storage and the engines' natives). Deleting it, or any file in it, is always safe: what is
     * missing is rebuilt.
     */
    public Path encoderCache() {
        return cache().resolve("encoders");
    }

    /**
     * Keeps DJL offline and its extracted natives under this installation's cache rather than the user's home. Must
     * run before the first DJL class is initialised.
     */
    public void applyEngineProperties() {
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", cache().resolve("djl").toString());
        setIfAbsent("ENGINE_CACHE_DIR", cache().resolve("engine").toString());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Path installationOf(Class<?> anchor) {
        try {
            Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.getParent();
            if (Files.isRegularFile(jar) && lib != null && lib.getFileName().toString().equals("lib")) {
                return lib.getParent();
            }
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate the Mosaic installation; set MOSAIC_HOME", e);
        }
        throw new IllegalStateException("Mosaic is not running from an installation (lib/io.mosaic.runtime.jar); "
                + "set MOSAIC_HOME to the folder that holds lib/ and bundles/");
    }
}
