package io.mosaic.itests.support;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.MosaicRuntime;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeModule;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.host.Session;

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

    public MosaicRuntime runtime() {
        return session.runtime();
    }

    public AssemblyService assemblies() {
        return injector.getInstance(AssemblyService.class);
    }

    public RunService runs() {
        return injector.getInstance(RunService.class);
    }

    @Override
    public void close() {
        session.close();
    }
}
