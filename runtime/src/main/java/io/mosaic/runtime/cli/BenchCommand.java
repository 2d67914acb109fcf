package io.mosaic.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.Engines;
import io.mosaic.runtime.host.TorchProfiler;
import io.mosaic.runtime.run.AtomicFiles;
import io.mosaic.runtime.train.BenchPhases;
import io.mosaic.runtime.train.BenchResult;
import io.mosaic.runtime.train.Trainer;
import io.mosaic.runtime.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Measures an assembly's training speed and memory: the wall time of training steps as {@code run} takes them (every
 * view, every objective, the optimizer), the evaluation throughput (the median of {@code --eval-reps} evaluations in
 * a row), and the process's peak resident memory. Nothing is written, unless asked: the figures as JSON
 * ({@code --json}), libtorch's profile of the timed steps and the evaluations ({@code --profile}).
 */
@Command(name = "bench", description = "Time training steps and evaluations of an assembly; report peak memory.")
public final class BenchCommand implements Callable<Integer> {
    private static final String ONE_WORKER = "train.eval-workers=1";

    private final AssemblyService assemblies;

    @Spec
    CommandSpec spec;

    @Mixin
    AssemblyArguments arguments;

    @Option(names = "--steps", defaultValue = "5", paramLabel = "N", description = "Timed training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--eval-reps", defaultValue = "1", paramLabel = "N", description = "Evaluations of the validation "
            + "split, in a row after the timed steps; their median is reported, and the first (default "
            + "${DEFAULT-VALUE}).")
    int evalReps;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures, every step's time among "
            + "them, as JSON to FILE (for bench/side_by_side.py).")
    Path json;

    @Option(names = "--profile", paramLabel = "DIR", description = "Record libtorch's profiler around the timed steps "
            + "(DIR/train.json) and the evaluations (DIR/evaluate.json), Chrome traces, with their wall times in "
            + "DIR/wall.json (for bench/profile_compare.py). The profiler slows what it records, and records one "
            + "thread: the evaluations run on one (train.eval-workers=1).")
    Path profile;

    /** Refuses a count {@code option} below {@code least}, naming the option and the value found. */
    private void requireAtLeast(String option, int value, int least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + least + ", found "
                    + value);
        }
    }

    /** Refuses a {@code --profile} folder that cannot be created or written, before anything is run. */
    private void checkWritable(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "--profile " + folder + " is a file, not a folder");
        }
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".bench-profile", ".probe"));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--profile " + folder + ": cannot write there ("
                    + AtomicFiles.reason(e) + ")");
        }
    }

    @Inject
    BenchCommand(AssemblyService assemblies) {
        this.assemblies = assemblies;
    }

    @Override
    public Integer call() {
        requireAtLeast("--steps", steps, 1);
        requireAtLeast("--warmup", warmup, 0);
        requireAtLeast("--eval-reps", evalReps, 1);
        if (profile != null) {
            checkWritable(profile);
        }
        List<String> overrides = new ArrayList<>(arguments.overrides);
        if (profile != null) {
            overrides.add(ONE_WORKER); // the profiler records the thread that starts it, not evaluation workers
        }
        ResolvedAssembly assembly = assemblies.resolve(arguments.assembly, overrides);
        BenchPhases phases = profile == null ? BenchPhases.NONE
                : (phase, work) -> TorchProfiler.record(profile.resolve(phase + ".json"), work);
        BenchResult result;
        List<String> notes = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void message(String text) {
                notes.add(text);
            }
        };
        try (NDManager root = Engines.forRun(assembly.device(), assembly.threads())) {
            result = new Trainer(listener).benchmark(assembly, root, warmup, steps, evalReps, phases);
        }
        String device = Engines.device(assembly.device()).toString();
        int threads = Engines.threads();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "assembly    %s on %s (%s), batch %d, device %s, %d intra-op thread%s%n",
                assembly.name(), assembly.dataSource().name(), assembly.dataSpec().task(), result.batch(), device,
                threads, threads == 1 ? "" : "s");
        out.printf(Locale.ROOT, "parameters  %,d%n", result.parameters());
        out.printf(Locale.ROOT, "train step  median %.3f s, mean %.3f s, min %.3f s over %d steps (%d warm-up)%n",
                result.medianStepSeconds(), result.meanStepSeconds(),
                Arrays.stream(result.stepSeconds()).min().orElseThrow(), steps, warmup);
        out.printf(Locale.ROOT, "train       %.1f samples/s%n", result.trainingSamplesPerSecond());
        out.printf(Locale.ROOT, "evaluate    %.1f samples/s (%d validation samples in median %.3f s, first %.3f s, "
                + "%d reps)%n", result.evaluationSamplesPerSecond(), result.evaluationSamples(),
                result.medianEvaluationSeconds(), result.firstEvaluationSeconds(), evalReps);
        out.printf(Locale.ROOT, "peak memory %.0f MiB resident%n", result.peakResidentMegabytes());
        notes.forEach(note -> out.printf("note        %s%n", note));
        BenchJson.Run run = new BenchJson.Run(assembly.name(), assembly.dataSource().name(),
                assembly.dataSpec().task().toString(), device, threads, warmup, profile != null);
        if (profile != null) {
            AtomicFiles.writeString(profile.resolve("wall.json"), BenchJson.wall(run, result));
            out.printf("profile     %s (train.json, evaluate.json, wall.json); the times above were taken under "
                    + "libtorch's profiler, which slows them, and the evaluations on one thread (%s: the profiler "
                    + "records the thread that starts it)%n", profile, ONE_WORKER);
        }
        out.flush();
        if (json != null) {
            AtomicFiles.writeString(json, BenchJson.of(run, result));
        }
        return ExitCodes.OK;
    }
}
