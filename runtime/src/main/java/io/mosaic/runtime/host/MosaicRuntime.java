package io.mosaic.runtime.host;

import ai.djl.engine.Engine;
import io.mosaic.api.component.ComponentFactory;
import io.mosaic.runtime.assembly.AssemblyCatalog;
import io.mosaic.runtime.osgi.FrameworkAddOns;
import io.mosaic.runtime.osgi.FrameworkHost;
import io.mosaic.runtime.osgi.SystemPackages;
import io.mosaic.runtime.protocols.BuiltInProtocols;
import io.mosaic.runtime.registry.ComponentRegistry;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.util.function.Function;
import org.osgi.util.promise.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booted platform: the embedded framework with its bundles, the component registry and the assembly catalog.
 */
public final class MosaicRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MosaicRuntime.class);
    /** The Maven group of TensorFlow Java's jars. */
    private static final String TENSORFLOW = "org.tensorflow";

    private final RuntimeOptions options;
    private final FrameworkHost host;
    private final ComponentRegistry registry;
    private final AssemblyCatalog catalog;
    private final List<Path> unreadablePlugins;

    private MosaicRuntime(RuntimeOptions options, FrameworkHost host, List<Path> unreadablePlugins) {
        this.options = options;
        this.host = host;
        this.registry = new ComponentRegistry(host.context());
        this.catalog = new AssemblyCatalog(host.context());
        this.unreadablePlugins = List.copyOf(unreadablePlugins);
    }

    /**
     * Boots the framework with the built-in bundles, registers the built-in protocols and waits for the plugins
     * folder's jars to be installed.
     */
    public static MosaicRuntime boot(RuntimeOptions options) {
        return boot(options, FrameworkAddOns.NONE);
    }

    /** Boots as {@link #boot(RuntimeOptions)} does, with {@code addOns}' properties and bundles as well. */
    public static MosaicRuntime boot(RuntimeOptions options, FrameworkAddOns addOns) {
        FrameworkHost host = FrameworkHost.start(options.layout(), systemPackages(), addOns);
        BuiltInProtocols.register(host.context());
        List<Path> unreadable = host.awaitPlugins(options.pluginWait());
        unreadable.forEach(jar -> LOG.error("plugin {} was not installed: not a readable OSGi bundle", jar));
        return new MosaicRuntime(options, host, unreadable);
    }

    /**
     * What bundles import from the host: the Mosaic api and the DS runtime API (OSGi jars, with their own export
     * headers), every DJL package at DJL's version, every package of TensorFlow Java's jars (its api, the Java side of
     * its natives, its ndarray library) at their Maven versions and protobuf's (its own header), and for {@code serve} the servlet API with its contracts (the host
     * registers whiteboard servlets) and SLF4J (Jetty logs through the host's logger). Gogo's API stays in its own
     * bundle: Gogo's shell fails ("a job is already in foreground") when that API comes from the system bundle, and
     * commands need none of it (Gogo finds their public methods by reflection).
     */
    static SystemPackages systemPackages() {
        String djl = Engine.getDjlVersion();
        return new SystemPackages()
                .exportsOf(ComponentFactory.class)
                .exportsOf(ServiceComponentRuntime.class)
                .exportsOf(Promise.class)
                .exportsOf(Function.class)
                .packagesOf(Engine.class, djl)
                .packagesOf(ai.djl.pytorch.engine.PtEngine.class, djl)
                // Class literals neither initialise TensorFlow nor load its natives.
                .mavenPackagesOf(org.tensorflow.Signature.class, TENSORFLOW, "tensorflow-core-api")
                .mavenPackagesOf(org.tensorflow.proto.DataType.class, TENSORFLOW, "tensorflow-core-native")
                .mavenPackagesOf(org.tensorflow.ndarray.Shape.class, TENSORFLOW, "ndarray")
                .exportsOf(com.google.protobuf.Message.class)
                .exportsOf(HttpServlet.class)
                .capabilitiesOf(HttpServlet.class)
                .exportsOf(Logger.class);
    }

    public RuntimeOptions options() {
        return options;
    }

    public FrameworkHost host() {
        return host;
    }

    public ComponentRegistry registry() {
        return registry;
    }

    public AssemblyCatalog catalog() {
        return catalog;
    }

    /** Jars of the plugins folder that could not be installed as bundles. */
    public List<Path> unreadablePlugins() {
        return unreadablePlugins;
    }

    @Override
    public void close() {
        if (host.running()) {
            registry.close();
        }
        host.close();
    }
}
