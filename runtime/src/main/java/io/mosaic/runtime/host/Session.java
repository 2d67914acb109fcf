package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.osgi.FrameworkAddOns;

/**
 * The runtime of one command-line invocation: booted on first use (or by {@link #boot(FrameworkAddOns)} for a command
 * that needs more of the framework), closed when the command ends.
 */
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

    /**
     * Boots the runtime with {@code addOns}.
     *
     * @throws IllegalStateException when the runtime is booted already (its add-ons can no longer change)
     */
    public synchronized MosaicRuntime boot(FrameworkAddOns addOns) {
        if (runtime != null) {
            throw new IllegalStateException("the runtime is booted already; add-ons must be given before first use");
        }
        runtime = MosaicRuntime.boot(options, addOns);
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
