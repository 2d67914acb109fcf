package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.host.MosaicRuntime;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.serve.HttpAccess;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Server;
import io.mosaic.runtime.serve.Workbench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Keeps a runtime running: the plugins folder is watched, the Gogo shell reads the console, and the HTTP API and
 * web page answer. It ends with the shell's {@code stop 0}, or with Ctrl-C.
 */
@Command(name = "serve", description = {"Keep a runtime running: watch plugins/, offer a Gogo shell (mosaic:run, "
        + "compare, components, assemblies, status) and an HTTP API with a web page.",
        "Ends with 'stop 0' in the shell or Ctrl-C; an unfinished run resumes with 'run --resume'."})
public final class ServeCommand implements Callable<Integer> {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Session session;
    private final RuntimeOptions options;
    private final Workbench workbench;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 takes a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--assemblies", paramLabel = "DIR", description = "A folder whose YAML files HTTP requests may "
            + "name as assemblies (and extend); without it, an assembly over HTTP is an installed name or YAML text.")
    Path assemblies;

    @Option(names = "--no-token", description = "Serve without an access token (only on a loopback address): any "
            + "program of any user of this machine can then use the API.")
    boolean noToken;

    @Option(names = "--no-shell", description = "No Gogo shell on the console (as when the console is not a "
            + "terminal); run until stopped.")
    boolean noShell;

    @Inject
    ServeCommand(Session session, RuntimeOptions options, Workbench workbench) {
        this.session = session;
        this.options = options;
        this.workbench = workbench;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean shell = !noShell && System.console() != null;
        HttpAccess access = HttpAccess.of(host, noToken ? Optional.empty() : Optional.of(HttpAccess.newToken()),
                Optional.ofNullable(assemblies));
        MosaicRuntime runtime = session.boot(new ServeOptions(host, port, shell).addOns(options.home()));
        // Ctrl-C: the jobs stop at a step boundary (or are abandoned) before the framework and engine are closed.
        try (ProcessStops.Serving stopOnSignal = ProcessStops.whileServing(() -> {
            workbench.close();
            session.close();
        }); Server server = Server.start(runtime, workbench, access, STARTUP)) {
            out.printf("Mosaic is serving %s (API at %sapi/) with plugins from %s%n", server.pageUrl(),
                    server.endpoint(), options.plugins());
            out.println(access.token().map(t -> "API requests send the header 'Authorization: Bearer " + t + "'.")
                    .orElse("No access token: any program on this machine can use the API."));
            out.println(shell ? "Gogo shell: mosaic:help lists the commands (mosaic:run ASSEMBLY [k=v]..., "
                    + "mosaic:status [JOB], ...); 'stop 0' ends the runtime."
                    : "No shell on this console; Ctrl-C stops the runtime.");
            out.flush();
            runtime.host().awaitStop();
        }
        return ExitCodes.OK;
    }
}
