package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.MosaicProcess;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic run} in a process of its own, ended from outside: SIGTERM at several moments of a run (building the
 * model, training) ends it at a step boundary with status 143, no JVM crash, and a run that resumes to completion; a
 * run killed with SIGKILL reads as interrupted and resumes, its unfinished writes removed; a plugin that calls
 * {@code System.exit(0)} fails the run, recorded with the caller, and status 1.
 */
class StopIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /**
     * Enough epochs (and no early stop) that a run on {@code tiny} lasts well past the last moment a signal is sent,
     * on an idle machine too: a signal after the run completed would test nothing.
     */
    private static final String EPOCHS = "30";
    /** 128 + SIGTERM. */
    private static final int SIGTERM_STATUS = 143;
    /**
     * When SIGTERM is sent: as {@code run.json} appears (the model is being built) and soon after (the first steps),
     * and soon after {@code epochs.csv} appears (the first epoch evaluated and checkpointed: in the second).
     */
    private static final List<Moment> MOMENTS = List.of(new Moment("run.json", Duration.ZERO),
            new Moment("run.json", Duration.ofMillis(1500)), new Moment("epochs.csv", Duration.ofMillis(800)));
    private static final String EXITING = """
            extends: baseline
            name: baseline-exiting
            components:
              text:
                - { use: pointwise-projection, dim: 32 }
                - { use: exiting }
                - { use: gru, hidden: 32 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    Path work;

    /** {@code delay} after the run folder's {@code file} appears. */
    private record Moment(String file, Duration delay) {
        @Override
        public String toString() {
            return delay.toMillis() + " ms after " + file;
        }
    }

    @Test
    void sigtermStopsARunAtAStepBoundaryWithoutACrashAndTheRunResumes() throws Exception {
        List<String> outcomes = new ArrayList<>();
        Path last = null;
        for (int i = 0; i < MOMENTS.size(); i++) {
            Moment moment = MOMENTS.get(i);
            try (MosaicProcess mosaic = startRunAndAwait(moment, "try-" + i)) {
                mosaic.terminate();
                int status = mosaic.await(DEADLINE);
                last = newest(work.resolve("runs"));
                JsonNode run = RunFiles.status(last);
                outcomes.add("SIGTERM " + moment + ": exit " + status + ", "
                        + run.get("state").asText() + ", " + run.get("error").asText());

                assertThat(status).as(mosaic.err()).isEqualTo(SIGTERM_STATUS);
                assertThat(run.get("state").asText()).as(mosaic.err()).isEqualTo("interrupted");
                assertThat(run.get("error").asText()).startsWith("stopped (SIGTERM) at ")
                        .endsWith("resumes from its last completed epoch with: mosaic run --resume " + last);
                assertThat(mosaic.err()).doesNotContain("SIGSEGV", "A fatal error has been detected");
                assertThat(crashLogs()).isEmpty();
            }
        }
        outcomes.forEach(System.out::println);

        resumeToCompletion(last);
    }

    @Test
    void aRunKilledWithSigkillReadsInterruptedAndResumesWithoutItsUnfinishedWrites() throws Exception {
        Path killed;
        try (MosaicProcess mosaic = startRunAndAwait(new Moment("epochs.csv", Duration.ZERO), "killed")) {
            mosaic.kill();
            assertThat(mosaic.await(DEADLINE)).isEqualTo(128 + 9);
            killed = newest(work.resolve("runs"));
        }
        assertThat(RunFiles.status(killed).get("state").asText()).as("as the killed process left it")
                .isEqualTo("running");
        assertThat(RunFolder.open(killed).status().orElseThrow().state()).isEqualTo("interrupted");
        Path partial = Files.writeString(killed.resolve("checkpoints/.last.ckpt5550123.partial"), "cut short");

        String err = resumeToCompletion(killed);

        assertThat(partial).doesNotExist();
        assertThat(err).contains("removed 1 unfinished write(s) the stopped process left: ["
                + Path.of("checkpoints", partial.getFileName().toString()) + "]");
    }

    private MosaicProcess startRunAndAwait(Moment moment, String name) throws IOException {
        Path runs = work.resolve("runs");
        int before = runFolders(runs).size();
        MosaicProcess mosaic = MosaicProcess.start(work, name, "run", "baseline", "--set", "data.preset=tiny",
                "--set", "train.epochs=" + EPOCHS, "--set", "train.patience=0");
        Poll.until(name + ": a run folder with " + moment.file(), () -> runFolders(runs).size() > before
                && Files.isRegularFile(newest(runs).resolve(moment.file())), DEADLINE);
        try {
            Thread.sleep(moment.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return mosaic;
    }

    /** Resumes {@code run} in a process of its own and returns what it printed on standard error. */
    private String resumeToCompletion(Path run) throws Exception {
        try (MosaicProcess resumed = MosaicProcess.start(work, "resume", "run", "baseline", "--set",
                "data.preset=tiny", "--set", "train.epochs=" + EPOCHS, "--set", "train.patience=0", "--resume",
                run.toString())) {
            assertThat(resumed.await(DEADLINE)).as(resumed.err()).isZero();
            assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
            assertThat(RunFiles.epochs(run).rows()).hasSize(Integer.parseInt(EPOCHS));
            return resumed.err();
        }
    }

    @Test
    void aPluginsSystemExitFailsTheRunNamingTheCallerAndExitsNonZero() throws Exception {
        PluginJar.deploy(PluginJar.of("io.mosaic.itests.faulty", "1.0.0", "io.mosaic.itests.fixture.faulty")
                .writeTo(work.resolve("faulty.jar")), work.resolve("plugins"));
        Path assembly = Files.writeString(work.resolve("baseline-exiting.yaml"), EXITING);

        try (MosaicProcess mosaic = MosaicProcess.start(work, "exiting", "run", assembly.toString(), "--set",
                "data.preset=tiny", "--set", "train.epochs=1")) {
            int status = mosaic.await(DEADLINE);
            Path run = RunFiles.onlyRun(work.resolve("runs"));
            String cause = "the process was made to exit during the run (System.exit called by "
                    + "io.mosaic.itests.fixture.faulty.ExitingFactory.exit(ExitingFactory.java:";

            assertThat(status).as(mosaic.err()).isEqualTo(1);
            assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("failed");
            assertThat(RunFiles.status(run).get("error").asText()).startsWith(cause);
            assertThat(mosaic.err()).contains("error: run " + run + " failed: " + cause);
        }
    }

    private List<Path> crashLogs() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
        }
    }

    private static List<Path> runFolders(Path runs) {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path newest(Path runs) {
        List<Path> all = runFolders(runs);
        return all.get(all.size() - 1);
    }
}
