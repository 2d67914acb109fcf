package io.mosaic.runtime.cli;

import io.mosaic.runtime.engine.LocalEngine;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.engine.spark.SparkEngine;
import io.mosaic.runtime.engine.spark.SparkMaster;
import io.mosaic.runtime.engine.spark.WorkerSpec;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --engine local|spark}, {@code --master URL} and {@code --node-home DIR}: how a command that trains many
 * runs (compare, run --seeds, --vary, tune) carries them out. One mixin, so that every such command offers the same options
 * and builds its engine the same way.
 */
final class EngineOption {

    /** The engines. */
    enum Kind { LOCAL, SPARK }

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "local: train the runs one after another in this process (default); spark: hand them to "
                    + "Apache Spark, each run in a worker process of its own, several at once.")
    Kind engine;

    @Option(names = "--master", paramLabel = "URL", defaultValue = SparkMaster.DEFAULT,
            description = "With --engine spark: the Spark master. local[N] runs N runs at once on this machine, "
                    + "each with its share of the cores, and needs nothing installed; spark://host:7077 a cluster, "
                    + "whose nodes share the runs folder (default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--node-home", paramLabel = "DIR",
            description = "With --engine spark: the Mosaic installation on every node (default: this one's path).")
    Path nodeHome;

    /**
     * The engine the options ask for, which the caller closes.
     *
     * @throws ParameterException for --master or --node-home without --engine spark, or a master Mosaic cannot use
     */
    RunEngine open(CommandSpec spec, RunService runs, RuntimeOptions options) {
        boolean sparkOptions = spec.commandLine().getParseResult().hasMatchedOption("--master") || nodeHome != null;
        if (engine == Kind.LOCAL) {
            if (sparkOptions) {
                throw new ParameterException(spec.commandLine(), "--master and --node-home go with --engine spark");
            }
            return new LocalEngine(runs);
        }
        SparkMaster parsed;
        try {
            parsed = SparkMaster.parse(master);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path home = nodeHome == null ? options.home() : nodeHome.toAbsolutePath().normalize();
        return new SparkEngine(parsed, new WorkerSpec(home.toString(), options.plugins().toString(),
                options.runs().toString(), parsed.threadsPerRun(Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Until closed, a stop signal (Ctrl-C) stops {@code runEngine}'s runs too: the spark engine's run in worker
     * processes, which a signal to this process does not reach; the local engine's runs are this process's own, which
     * the signal stops as it stops a single run.
     */
    ProcessStops.Serving stopsOnSignal(RunEngine runEngine) {
        return engine == Kind.LOCAL ? () -> { } : ProcessStops.whileServing(runEngine::stop);
    }
}
