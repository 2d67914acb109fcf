package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop request ends a run at the next step boundary: between training steps, or between evaluation batches, never
 * inside one; the last checkpoint stays that of the last completed epoch, and the run resumes from it to the numbers
 * of a run that was never stopped; a truncated checkpoint is refused as corrupt, by name.
 */
class StopAtStepBoundaryTest {
    private static final String TINY = TinyBaseline.YAML;

    @TempDir
    Path runs;

    @Test
    void aStopRequestedDuringAStepEndsTheRunBeforeTheNextStepAndItResumesToTheSameNumbers() throws IOException {
        ResolvedAssembly assembly = assembly(2);
        StopRequest stop = new StopRequest();
        AtomicInteger batches = new AtomicInteger();
        TrainingListener stopInEpochTwo = new TrainingListener() {
            private int epoch;

            @Override
            public void epochStarted(int epoch, int totalEpochs, String stage, int count) {
                this.epoch = epoch;
                batches.set(count);
            }

            @Override
            public void batchFinished(double loss) {
                if (epoch == 2) {
                    stop.request("test");
                }
            }
        };
        RunFolder stopped = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(stopInEpochTwo, stop).train(assembly, stopped, root, false))
                    .isInstanceOf(RunStoppedException.class)
                    .hasMessage("stopped (test) at epoch 2, batch 2 of " + batches.get());
        }
        assertThat(Checkpoint.readState(stopped.checkpoint("last")).epoch()).isEqualTo(1);
        assertThat(Files.readAllLines(stopped.path().resolve(RunFolder.EPOCHS))).hasSize(2);

        TrainingResult resumed;
        TrainingResult straight;
        try (NDManager root = NDManager.newBaseManager()) {
            resumed = new Trainer(TrainingListener.SILENT).train(assembly, stopped, root, true);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            straight = new Trainer(TrainingListener.SILENT).train(assembly, RunFolder.create(runs, "tiny",
                    LocalDateTime.now()), root, false);
        }
        assertThat(resumed.test().orElseThrow().metrics().asMap())
                .isEqualTo(straight.test().orElseThrow().metrics().asMap());
    }

    @Test
    void aStopRequestedAfterTheLastStepOfAnEpochEndsTheRunBetweenEvaluationBatches() {
        ResolvedAssembly assembly = assembly(1);
        StopRequest stop = new StopRequest();
        TrainingListener stopAfterLastBatch = new TrainingListener() {
            private int left;

            @Override
            public void epochStarted(int epoch, int totalEpochs, String stage, int count) {
                left = count;
            }

            @Override
            public void batchFinished(double loss) {
                if (--left == 0) {
                    stop.request("SIGTERM");
                }
            }
        };
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(stopAfterLastBatch, stop).train(assembly, RunFolder.create(runs,
                    "tiny", LocalDateTime.now()), root, false))
                    .isInstanceOf(RunStoppedException.class)
                    .hasMessageMatching("stopped \\(SIGTERM\\) at evaluation of the valid split, batch 1 of \\d+");
        }
    }

    @Test
    void aTruncatedCheckpointIsRefusedAsCorruptNamingTheFile() throws IOException {
        ResolvedAssembly assembly = assembly(1);
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }
        Path last = folder.checkpoint("last");
        byte[] bytes = Files.readAllBytes(last);
        for (int length : List.of(bytes.length / 2, 100, 0)) {
            Files.write(last, Arrays.copyOf(bytes, length));
            try (NDManager root = NDManager.newBaseManager()) {
                assertThatThrownBy(() -> new Trainer(TrainingListener.SILENT).train(assembly, folder, root, true))
                        .as("truncated to %d bytes", length)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith(last + " is corrupt, not a checkpoint Mosaic can read (")
                        .hasMessageEndingWith("); the run cannot resume from it")
                        .hasNoCause();
            }
        }
    }

    private static ResolvedAssembly assembly(int epochs) {
        return Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY, "train.epochs=" + epochs,
                "train.patience=0");
    }
}
