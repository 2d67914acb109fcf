package io.mosaic.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    private static final LocalDateTime NOON = LocalDateTime.of(2025, 3, 4, 12, 5, 9);

    @TempDir
    Path runs;

    @Test
    void aRunFolderIsNamedAfterTheAssemblyAndTheSecondItStarted() {
        RunFolder folder = RunFolder.create(runs, "baseline", NOON);

        assertThat(folder.path()).isEqualTo(runs.resolve("baseline-20250304-120509"));
        assertThat(folder.path()).isEmptyDirectory();
        assertThat(folder.checkpoint("best")).isEqualTo(folder.path().resolve("checkpoints/best.ckpt"));
    }

    @Test
    void charactersAPathCannotHoldAreReplaced() {
        RunFolder folder = RunFolder.create(runs, "my model/v2:α", NOON);

        assertThat(folder.path().getFileName()).hasToString("my_model_v2__-20250304-120509");
    }

    @Test
    void runsStartedInTheSameSecondGetNumberedFolders() {
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            folders.add(RunFolder.create(runs, "baseline", NOON).path().getFileName());
        }

        assertThat(folders).extracting(Path::toString).containsExactly("baseline-20250304-120509",
                "baseline-20250304-120509-2", "baseline-20250304-120509-3");
    }

    @Test
    void runsCreatedAtOnceNeverShareAFolder() throws InterruptedException {
        int count = 8;
        Set<Path> created = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                created.add(RunFolder.create(runs, "baseline", NOON).path());
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(created).hasSize(count);
    }

    @Test
    void theStatusIsWrittenAndReadBack() {
        RunFolder folder = RunFolder.create(runs, "baseline", NOON);
        RunStatus status = status("baseline", RunStatus.RUNNING, "2025-03-04T12:05:09");

        folder.writeStatus(status);

        assertThat(RunFolder.open(folder.path()).status()).contains(status);
    }

    @Test
    void aFolderWithoutStatusIsNoRunFolder() {
        assertThatThrownBy(() -> RunFolder.open(runs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(runs + " is not a run folder (it has no run.json)");
    }

    @Test
    void theLatestUnfinishedRunIsTheNewestThatDidNotCompleteOfThatAssembly() throws IOException {
        run("baseline", RunStatus.RUNNING, NOON.withHour(10));
        RunFolder failed = run("baseline", RunStatus.FAILED, NOON.withHour(11));
        run("baseline", RunStatus.COMPLETED, NOON.withHour(12));
        RunFolder other = run("other", RunStatus.RUNNING, NOON.withHour(13));
        Files.createDirectories(runs.resolve("baseline-without-status"));

        assertThat(RunFolder.latestUnfinished(runs, "baseline")).hasValueSatisfying(
                folder -> assertThat(folder.path()).isEqualTo(failed.path()));
        assertThat(RunFolder.latestUnfinished(runs, "other")).hasValueSatisfying(
                folder -> assertThat(folder.path()).isEqualTo(other.path()));
        assertThat(RunFolder.latestUnfinished(runs, "cider")).isEmpty();
    }

    @Test
    void newestMeansStartedLastWhateverTheFolderIsCalled() throws IOException {
        RunFolder later = run("baseline", RunStatus.RUNNING, NOON.withHour(18));
        Path renamed = Files.move(later.path(), later.path().resolveSibling("a-first-name"));
        run("baseline", RunStatus.RUNNING, NOON.withHour(9));

        assertThat(RunFolder.latestUnfinished(runs, "baseline")).hasValueSatisfying(
                folder -> assertThat(folder.path()).isEqualTo(renamed));
    }

    @Test
    void anAssemblyWhoseRunsAllCompletedHasNoUnfinishedRun() {
        run("baseline", RunStatus.COMPLETED, NOON);

        assertThat(RunFolder.latestUnfinished(runs, "baseline")).isEmpty();
        assertThat(RunFolder.latestUnfinished(runs.resolve("missing"), "baseline")).isEmpty();
    }

    @Test
    void aRunWhoseProcessIsGoneReadsAsInterruptedAndCanBeResumed() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        RunOwner dead = RunOwner.of(process.toHandle());
        RunFolder killed = RunFolder.create(runs, "baseline", NOON);
        killed.writeStatus(status("baseline", RunStatus.RUNNING, NOON.toString()).withOwner(dead));

        RunStatus read = RunFolder.open(killed.path()).status().orElseThrow();

        assertThat(read.state()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(read.error()).isEqualTo("the process that ran it (pid " + dead.pid() + ") is gone; resume it "
                + "with 'mosaic run --resume'");
        assertThat(RunFolder.latestUnfinished(runs, "baseline")).hasValueSatisfying(
                folder -> assertThat(folder.path()).isEqualTo(killed.path()));
    }

    @Test
    void aRunOfALiveProcessIsRunningAndNotOfferedForResumingButAReusedPidIsNotItsOwner() {
        RunOwner self = RunOwner.current();
        RunFolder live = run("baseline", RunStatus.RUNNING, NOON);
        live.writeStatus(live.status().orElseThrow().withOwner(self));
        RunFolder reused = run("other", RunStatus.RUNNING, NOON);
        reused.writeStatus(reused.status().orElseThrow().withOwner(new RunOwner(self.pid(),
                "2001-01-01T00:00:00Z")));

        assertThat(live.status().orElseThrow().state()).isEqualTo(RunStatus.RUNNING);
        assertThat(live.status().orElseThrow().runningElsewhere()).isTrue();
        assertThat(RunFolder.latestUnfinished(runs, "baseline")).isEmpty();
        assertThat(reused.status().orElseThrow().state()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void unfinishedWritesAKilledProcessLeftAreRemovedAndNothingElse() throws IOException {
        RunFolder folder = RunFolder.create(runs, "baseline", NOON);
        folder.writeStatus(status("baseline", RunStatus.FAILED, NOON.toString()));
        Path checkpoints = Files.createDirectories(folder.path().resolve(RunFolder.CHECKPOINTS));
        Files.writeString(checkpoints.resolve("last.ckpt"), "kept");
        Path partialCheckpoint = Files.writeString(checkpoints.resolve(".last.ckpt4431980231.partial"), "cut");
        Path partialStatus = Files.writeString(folder.path().resolve(".run.json88.partial"), "{");
        Files.writeString(folder.path().resolve("notes.partial"), "a user's file, not a temporary one");
        Path table = folder.path().resolve(RunFolder.objectiveTable("ulgm", 2));
        Path labels = Files.createDirectories(table.getParent());
        Path partialTable = Files.writeString(labels.resolve(".epoch-002.csv77.partial"), "id,");

        assertThat(folder.removePartialWrites()).containsExactlyInAnyOrder(partialCheckpoint, partialStatus,
                partialTable);
        assertThat(table).hasFileName("epoch-002.csv");
        assertThat(labels).isEqualTo(folder.path().resolve("objectives/ulgm"));

        assertThat(checkpoints.resolve("last.ckpt")).exists();
        assertThat(partialCheckpoint).doesNotExist();
        assertThat(partialStatus).doesNotExist();
        assertThat(folder.path().resolve("notes.partial")).exists();
    }

    @Test
    void csvCellsWithCommasOrQuotesAreQuoted() {
        RunFolder folder = RunFolder.create(runs, "baseline", NOON);

        folder.writeCsv("metrics.csv", List.of(List.of("split", "note"), List.of("valid", "a, \"b\"")));

        assertThat(folder.readText("metrics.csv")).isEqualTo("split,note\nvalid,\"a, \"\"b\"\"\"\n");
    }

    /** A run of {@code assembly} started at {@code started}, in state {@code state}. */
    private RunFolder run(String assembly, String state, LocalDateTime started) {
        RunFolder folder = RunFolder.create(runs, assembly, started);
        folder.writeStatus(status(assembly, state, started.toString()));
        return folder;
    }

    private static RunStatus status(String assembly, String state, String started) {
        return new RunStatus(assembly, state, started, null, "cpu", Map.of("java", "17"), 1111, null, null);
    }
}
