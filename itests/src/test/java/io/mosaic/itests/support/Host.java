package io.mosaic.itests.support;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.MosaicRuntime;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeModule;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Workbench;

/**
 * A runtime that stays up across several steps of a test, wired as the command line wires it (Guice over
 * {@link RuntimeModule}), for what the command line cannot do: change the plugins folder while it runs, or hand a
 * training listener to a run.
 */
public final class Host implements AutoCloseable {
    private final Injector injector;
    private final Session session;

    private Host(RuntimeOptions options) {
        options.applyEngineProperties();
        this.injector = Guice.createInjector(new RuntimeModule(options));
        this.session = injector.getInstance(Session.class);
    }

    /** Boots the framework now, waiting for the plugins folder's jars as the command line does. */
    public static Host boot(RuntimeOptions options) {
        Host host = new Host(options);
        host.session.runtime();
        return host;
    }

    /** Boots the framework as {@code mosaic serve} does, with its Gogo and HTTP bundles. */
    public static Host bootServing(RuntimeOptions options, ServeOptions serve) {
        Host host = new Host(options);
        host.session.boot(serve.addOns(options.home()));
        return host;
    }

    public MosaicRuntime runtime() {
        return session.runtime();
    }

    public AssemblyService assemblies() {
        return injector.getInstance(AssemblyService.class);
    }

    public RunService runs() {
        return injector.getInstance(RunService.class);
    }

    /** What {@code mosaic serve} offers, on this host's runtime. */
    public Workbench workbench() {
        return injector.getInstance(Workbench.class);
    }

    @Override
    public void close() {
        session.close();
    }
}
