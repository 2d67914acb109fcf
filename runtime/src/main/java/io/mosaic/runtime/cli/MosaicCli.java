package io.mosaic.runtime.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.engine.RunsFailedException;
import io.mosaic.runtime.host.RuntimeModule;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.model.ComponentFailureException;
import io.mosaic.runtime.registry.UnknownComponentException;
import io.mosaic.runtime.train.RunStoppedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mosaic} command. Its {@code --help} and {@code --version} are inherited by every subcommand, so that each
 * one, added now or later, explains itself.
 */
@Command(name = "mosaic", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = MosaicCli.Version.class,
        description = "Build, train, evaluate and compare multimodal sentiment analysis models from assemblies.",
        subcommands = {RunCommand.class, CompareCommand.class, ValidateCommand.class, DescribeCommand.class, ComponentsCommand.class,
                AssembliesCommand.class, WorkerCommand.class, DoctorCommand.class, DataCommand.class,
                BenchCommand.class, ServeCommand.class, ReportCommand.class, RunsCommand.class, TuneCommand.class})
public final class MosaicCli {

    public static void main(String[] args) {
        ProcessStops stops = ProcessStops.install(System.err);
        int status = execute(RuntimeOptions.fromEnvironment(System.getenv()), args);
        System.exit(stops.exitStatus(status));
    }

    /** Runs one command line against an installation and returns the exit code. */
    public static int execute(RuntimeOptions options, String... args) {
        return execute(options, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs one command line against an installation, printing results to {@code out} and errors and progress to
     * {@code err}, and returns the exit code.
     */
    public static int execute(RuntimeOptions options, PrintWriter out, PrintWriter err, String... args) {
        options.applyEngineProperties();
        Injector injector = Guice.createInjector(new RuntimeModule(options));
        Session session = injector.getInstance(Session.class);
        try {
            CommandLine commandLine = new CommandLine(MosaicCli.class, new GuiceFactory(injector));
            commandLine.setOut(out);
            commandLine.setErr(err);
            commandLine.setCaseInsensitiveEnumValuesAllowed(true);
            commandLine.setExecutionExceptionHandler(MosaicCli::failure);
            return commandLine.execute(args);
        } finally {
            session.close();
        }
    }

    /**
     * Known failures print their message alone: invalid input, and a run failed by a component, whose message names
     * it; with {@code --stacktrace}, their stack trace too. Anything else always prints its stack trace.
     */
    private static int failure(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean known = e instanceof AssemblyException || e instanceof UnknownComponentException
                || e instanceof IllegalArgumentException || e instanceof ComponentFailureException
                || e instanceof RunsFailedException;
        if (known) {
            err.println("error: " + e.getMessage());
            if (StackTraceOption.requested(parseResult)) {
                e.printStackTrace(err);
            }
            err.flush();
            return e instanceof ComponentFailureException || e instanceof RunsFailedException ? ExitCodes.RUN_FAILED
                    : ExitCodes.INVALID;
        }
        if (e instanceof RunStoppedException) {
            err.println("mosaic: " + e.getMessage());
            err.flush();
            return ExitCodes.STOPPED;
        }
        err.println("error: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.RUN_FAILED;
    }

    /** The version of the runtime jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MosaicCli.class.getPackage().getImplementationVersion();
            return new String[] {"mosaic " + (version == null ? "(development build)" : version)};
        }
    }
}
