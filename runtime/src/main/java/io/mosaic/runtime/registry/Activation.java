package io.mosaic.runtime.registry;

import io.mosaic.runtime.osgi.ActivationTimeout;
import io.mosaic.runtime.osgi.ComponentFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Obtains one registered service, with a bound on how long its provider may take. Getting a delayed Declarative
 * Services component activates it on the calling thread, and a plugin's activate method may never return; so the
 * service is got on a daemon thread of its own, which a caller waits for only until a deadline. A thread that is
 * still stuck is abandoned (and interrupted when the registry closes); its component is then reported, never waited
 * for again.
 */
final class Activation {
    private final BundleContext context;
    private final ServiceReference<Object> reference;
    private CompletableFuture<Object> service;
    private Thread thread;
    private long started;

    Activation(BundleContext context, ServiceReference<Object> reference) {
        this.context = context;
        this.reference = reference;
    }

    /** Starts getting the service, if not started yet; the caller does not wait. */
    synchronized void start() {
        if (service != null) {
            return;
        }
        CompletableFuture<Object> future = new CompletableFuture<>();
        service = future;
        started = System.nanoTime();
        thread = new Thread(() -> {
            try {
                future.complete(context.getService(reference));
            } catch (RuntimeException | LinkageError e) {
                future.completeExceptionally(e);
            }
        }, "mosaic-activation-" + reference.getProperty("service.id"));
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The service once its provider has activated, waiting until {@code timeout} has passed since the activation
     * started (so that an activation that is stuck costs its timeout once, not at every call); none when activation
     * failed (SCR records the failure), was not finished by then, or the service went away.
     */
    Optional<Object> await(Duration timeout) {
        start();
        long remaining = started + timeout.toNanos() - System.nanoTime();
        try {
            return Optional.ofNullable(service.get(Math.max(0, remaining), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether the service was asked for at least {@code timeout} ago and its provider's activation has not returned. */
    synchronized boolean stalled(Duration timeout) {
        return service != null && !service.isDone() && System.nanoTime() - started >= timeout.toNanos();
    }

    /** The stalled component as a failure that names its bundle and waited time. */
    ComponentFailure stall(Duration waited) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        Object component = reference.getProperty("component.name");
        Bundle bundle = reference.getBundle();
        return new ComponentFailure(bundle == null ? "(uninstalled)" : bundle.getSymbolicName(),
                bundle == null ? Version.emptyVersion : bundle.getVersion(), component == null ? String.valueOf(reference.getProperty("objectClass")) : component.toString(),
                "did not activate within " + ActivationTimeout.format(waited), "its activate method has not returned", properties);
    }

    /** Gives the service back if it was got, and interrupts a thread still stuck in its activation. */
    synchronized void release() {
        if (service == null) {
            return;
        }
        if (service.isDone()) {
            if (!service.isCompletedExceptionally()) {
                context.ungetService(reference);
            }
        } else {
            thread.interrupt();
        }
    }
}
