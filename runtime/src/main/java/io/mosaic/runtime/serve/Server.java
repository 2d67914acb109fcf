package io.mosaic.runtime.serve;

import io.mosaic.runtime.host.Health;
import io.mosaic.runtime.host.MosaicRuntime;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Puts a {@link Workbench} into the running framework: its shell commands as a Gogo command service, the API, the
 * runs' report pages and the page as servlets of the HTTP whiteboard, behind a {@link RequestGuard} filter that enforces the {@link HttpAccess}.
 * Closing it takes them out and stops the jobs.
 */
public final class Server implements AutoCloseable {
    /** The servlet whiteboard's runtime service, whose {@value #ENDPOINT} property says where it listens. */
    static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    static final String ENDPOINT = "osgi.http.endpoint";

    private final Workbench workbench;
    private final BundleContext context;
    private final HttpAccess access;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private Server(Workbench workbench, BundleContext context, HttpAccess access) {
        this.workbench = workbench;
        this.context = context;
        this.access = access;
    }

    /**
     * Registers the commands, the guard and the servlets, then waits until the API answers behind the guard.
     *
     * @throws IllegalStateException when the HTTP whiteboard does not serve the API within {@code timeout}
     */
    public static Server start(MosaicRuntime runtime, Workbench workbench, HttpAccess access, Duration timeout) {
        Server server = new Server(workbench, runtime.host().context(), access);
        try {
            server.register(Object.class, new ShellCommands(workbench), ShellCommands.serviceProperties());
            server.register(Filter.class, new RequestGuard(access), Map.of("osgi.http.whiteboard.filter.name",
                    "mosaic-guard", "osgi.http.whiteboard.filter.pattern", RequestGuard.PATTERN));
            server.register(Servlet.class, new ApiServlet(workbench, access, new ServedAssemblies(runtime::catalog,
                    access.assemblies())), servlet("mosaic-api", ApiServlet.PATTERN));
            server.register(Servlet.class, new ReportServlet(workbench::runs), servlet("mosaic-reports",
                    ReportPages.PATTERN));
            server.register(Servlet.class, new PageServlet(), servlet("mosaic-page", PageServlet.PATTERN));
            server.awaitApi(timeout, runtime);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The page's address with its access token, as a user opens it: {@code http://127.0.0.1:8080/?token=...}. */
    public URI pageUrl() {
        return access.token().map(t -> endpoint().resolve("?" + RequestGuard.TOKEN_PARAMETER + "=" + t))
                .orElse(endpoint());
    }

    /** Where the page is: the HTTP endpoint, such as {@code http://127.0.0.1:8080/}. */
    public URI endpoint() {
        return endpointNow().orElseThrow(() -> new IllegalStateException("the HTTP whiteboard is not running; "
                + "is " + ServeOptions.BUNDLES + " of the installation complete?"));
    }

    private Optional<URI> endpointNow() {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(HTTP_RUNTIME, null);
            return references == null ? Optional.empty()
                    : Arrays.stream(references).map(r -> r.getProperty(ENDPOINT)).flatMap(Server::uris).findFirst();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<URI> uris(Object property) {
        if (property instanceof String text) {
            return Stream.of(URI.create(text));
        }
        if (property instanceof String[] texts) {
            return Arrays.stream(texts).map(URI::create);
        }
        if (property instanceof Collection<?> texts) {
            return texts.stream().map(t -> URI.create(t.toString()));
        }
        return Stream.empty();
    }

    private void awaitApi(Duration timeout, MosaicRuntime runtime) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "the HTTP whiteboard did not start";
        while (System.nanoTime() < deadline) {
            Optional<URI> endpoint = endpointNow();
            if (endpoint.isPresent()) {
                try {
                    HttpRequest.Builder status = HttpRequest.newBuilder(endpoint.get().resolve("api/status"));
                    access.token().ifPresent(t -> status.header("Authorization", "Bearer " + t));
                    HttpResponse<Void> response = client.send(status.build(), HttpResponse.BodyHandlers.discarding());
                    // The guard is in front once TRACE, which the servlets alone would answer, is refused.
                    HttpResponse<Void> trace = client.send(HttpRequest.newBuilder(endpoint.get())
                            .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200 && trace.statusCode() == 405) {
                        return;
                    }
                    last = "GET " + endpoint.get().resolve("api/status") + " answered " + response.statusCode()
                            + ", TRACE " + trace.statusCode();
                } catch (IOException e) {
                    last = "cannot reach " + endpoint.get() + ": " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the HTTP API", e);
                }
            }
            pause();
        }
        List<String> problems = Health.problems(runtime);
        throw new IllegalStateException("the HTTP API did not come up within " + timeout.toSeconds() + " s: " + last
                + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems)));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the HTTP API", e);
        }
    }

    private <S> void register(Class<S> type, S service, Map<String, Object> properties) {
        registrations.add(context.registerService(type, service, new Hashtable<>(properties)));
    }

    private static Map<String, Object> servlet(String name, String pattern) {
        return Map.of("osgi.http.whiteboard.servlet.name", name, "osgi.http.whiteboard.servlet.pattern", pattern);
    }

    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework stopped first (the shell's "stop 0"), which unregistered everything.
            }
        }
        registrations.clear();
        workbench.close();
    }
}
