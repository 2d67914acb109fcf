package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/** The runtime of one command-line invocation: booted on first use, closed when the command ends. */
@Singleton
public final class Session implements AutoCloseable {
    private final RuntimeOptions options;
    private MosaicRuntime runtime;

    @Inject
    public Session(RuntimeOptions options) {
        this.options = options;
    }

    public synchronized MosaicRuntime runtime() {
        if (runtime == null) {
            runtime = MosaicRuntime.boot(options);
        }
        return runtime;
    }

    @Override
    public synchronized void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }
}
