package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.train.EpochRecord;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same assembly and seed give the same numbers: run twice, and run once with a crash after epoch 2 followed by
 * {@code run --resume}. Each run is compared with one uninterrupted reference run.
 */
class DeterminismAndResumeIT {
    private static final int EPOCHS = 4;
    private static final int CRASH_AFTER = 2;
    private static final List<String> OVERRIDES = List.of("data.preset=tiny", "train.epochs=" + EPOCHS,
            "train.patience=0");

    @TempDir
    static Path work;

    private static Path reference;

    @BeforeAll
    static void uninterruptedReferenceRun() throws Exception {
        reference = runToCompletion(Files.createDirectory(work.resolve("reference")));
    }

    @Test
    void twoRunsOfOneAssemblyAndSeedLogTheSameNumbers() throws Exception {
        Path again = runToCompletion(Files.createDirectory(work.resolve("again")));

        EpochTable expected = RunFiles.epochs(reference).withoutTiming();
        assertThat(expected.rows()).hasSize(EPOCHS);
        assertThat(RunFiles.epochs(again).withoutTiming()).isEqualTo(expected);
        assertThat(RunFiles.metrics(again).get("test")).isEqualTo(RunFiles.metrics(reference).get("test"));
        assertThat(RunFiles.metrics(again).get("valid")).isEqualTo(RunFiles.metrics(reference).get("valid"));
    }

    @Test
    void aRunResumedAfterACrashEndsWithTheNumbersOfTheUninterruptedRun() throws Exception {
        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve("crashed")),
                Duration.ofSeconds(10));
        try (Host host = Host.boot(options)) {
            ResolvedAssembly assembly = host.assemblies().resolve("baseline", OVERRIDES);
            assertThatThrownBy(() -> host.runs().run(assembly, Optional.empty(), new CrashAfter(CRASH_AFTER)))
                    .isInstanceOf(SimulatedCrash.class);
        }
        Path crashed = RunFiles.onlyRun(options.runs());
        JsonNode failed = RunFiles.status(crashed);
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).isEqualTo(CrashAfter.MESSAGE);
        assertThat(crashed.resolve("checkpoints/last.ckpt")).isRegularFile();
        assertThat(crashed.resolve("metrics.json")).doesNotExist();
        EpochTable expected = RunFiles.epochs(reference).withoutTiming();
        assertThat(RunFiles.epochs(crashed).withoutTiming().rows())
                .as("the epochs before the crash are those of the uninterrupted run")
                .isEqualTo(expected.rows().subList(0, CRASH_AFTER));
        List<Double> secondsBeforeCrash = RunFiles.epochs(crashed).numbers("seconds");

        String otherEpochs = "train.stages[0].epochs: the run has " + EPOCHS + ", the command line says 3";
        Cli.Result withOtherEpochs = Cli.run(options, arguments("--set", "train.epochs=3", "--resume",
                crashed.toString()));
        assertThat(withOtherEpochs.exitCode()).as(withOtherEpochs.toString()).isEqualTo(3);
        assertThat(withOtherEpochs.err()).contains("cannot resume " + crashed + " with other settings than it "
                + "started with (its assembly.resolved.yaml): " + otherEpochs + ". Resume it with --resume "
                + crashed + " alone");
        Cli.Result folderAndSet = Cli.run(options, "run", "--resume", crashed.toString(), "--set", "train.patience=1");
        assertThat(folderAndSet.exitCode()).as(folderAndSet.toString()).isEqualTo(3);
        assertThat(folderAndSet.err()).contains("(its assembly.resolved.yaml): train.patience: the run has 0, the "
                + "command line says 1. Resume it");
        assertThat(RunFiles.status(crashed).get("state").asText()).isEqualTo("failed");

        Cli.Result resumed = Cli.run(options, "run", "--resume", crashed.toString(), "--quiet");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(RunFiles.onlyRun(options.runs())).isEqualTo(crashed);
        JsonNode completed = RunFiles.status(crashed);
        assertThat(completed.get("state").asText()).isEqualTo("completed");
        assertThat(completed.get("error").isNull()).isTrue();
        assertThat(completed.get("started").asText()).isEqualTo(failed.get("started").asText());
        assertThat(RunFiles.epochs(crashed).withoutTiming()).isEqualTo(expected);
        assertThat(RunFiles.epochs(crashed).numbers("seconds").subList(0, CRASH_AFTER))
                .as("the logged epochs before the crash are kept, not rerun")
                .isEqualTo(secondsBeforeCrash);
        assertThat(RunFiles.metrics(crashed).get("test")).isEqualTo(RunFiles.metrics(reference).get("test"));
        assertThat(RunFiles.metrics(crashed).get("bestEpoch")).isEqualTo(RunFiles.metrics(reference).get("bestEpoch"));
    }

    private static Path runToCompletion(Path folder) {
        RuntimeOptions options = Installation.options(folder, Duration.ofSeconds(10));
        Cli.Result result = Cli.run(options, arguments());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
        return run;
    }

    private static String[] arguments(String... more) {
        List<String> arguments = new ArrayList<>(List.of("run", "baseline", "--quiet"));
        OVERRIDES.forEach(o -> arguments.addAll(List.of("--set", o)));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }

    /** Kills training (as far as the run can tell) once epoch {@code epoch} is logged and checkpointed. */
    private record CrashAfter(int epoch) implements TrainingListener {
        static final String MESSAGE = "simulated crash";

        @Override
        public void epochFinished(EpochRecord record, String selectionMetric) {
            if (record.epoch() == epoch) {
                throw new SimulatedCrash(MESSAGE);
            }
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }
}
