package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.TestbedFiles;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trained on file A, tested on files B and C: the final report gives the source test split and each target's, and
 * B and C are not read before the final evaluation. They hold bytes that are no npz until the last epoch has
 * finished, so that reading either earlier fails the run.
 */
class DomainTestsTest {
    private static final int EPOCHS = 2;

    @TempDir
    Path folder;
    private Path a;
    private Path b;
    private Path c;

    @BeforeEach
    void filesBAndCAreNoNpzYet() throws IOException {
        a = TestbedFiles.export(folder, "a.npz", 0);
        TestbedFiles.export(folder, "b-ready.npz", 1);
        TestbedFiles.export(folder, "c-ready.npz", 2);
        b = Files.writeString(folder.resolve("b.npz"), "not yet an npz");
        c = Files.writeString(folder.resolve("c.npz"), "not yet an npz");
    }

    private ResolvedAssembly assembly() {
        String yaml = """
                name: dg
                seed: 7
                pipeline: baseline
                data: { source: npz, files: [%s, %s, %s], train-domains: [0], test-domains: [1, 2],
                        task: classes-3, labels: file }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - cross-entropy
                train:
                  epochs: %d
                  patience: 0
                  batch: 16
                  select: { metric: accuracy }
                """.formatted(a, b, c, EPOCHS);
        return Assemblies.resolve(InstalledComponents.builtIn(), "dg.yaml", yaml);
    }

    /** Puts the real B and C in place once the last epoch has finished, if {@code ready}. */
    private TrainingListener readyAfterTraining(boolean ready) {
        return new TrainingListener() {
            @Override
            public void epochFinished(EpochRecord record, String selectionMetric) {
                if (ready && record.epoch() == EPOCHS) {
                    move("b-ready.npz", b);
                    move("c-ready.npz", c);
                }
            }
        };
    }

    private void move(String ready, Path target) {
        try {
            Files.move(folder.resolve(ready), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainingResult train(TrainingListener listener) {
        ResolvedAssembly assembly = assembly();
        try (NDManager root = NDManager.newBaseManager()) {
            return new Trainer(listener).train(assembly, RunFolder.create(folder.resolve("runs"), "dg",
                    LocalDateTime.now()), root, false);
        }
    }

    @Test
    void theReportGivesTheSourceTestSplitAndEachTargetOnItsOwn() {
        TrainingResult result = train(readyAfterTraining(true));

        assertThat(result.domainTests()).containsOnlyKeys("source", "target-1", "target-2");
        assertThat(List.copyOf(result.domainTests().keySet())).containsExactly("source", "target-1", "target-2");
        double target1 = result.domainTests().get("target-1").metrics().get("accuracy");
        double target2 = result.domainTests().get("target-2").metrics().get("accuracy");
        assertThat(List.of(target1, target2, result.domainTests().get("source").metrics().get("accuracy")))
                .allSatisfy(accuracy -> assertThat(accuracy).isBetween(0.0, 1.0));
        assertThat(result.domainTests().get("target-1").predictions()).hasSize(TestbedFiles.SIZES.test());
        // test is B's test split followed by C's, of equal sizes: its accuracy is the mean of theirs.
        assertThat(result.test().orElseThrow().metrics().get("accuracy"))
                .isCloseTo((target1 + target2) / 2, within(1e-12));
    }

    @Test
    void aTargetReadBeforeTheFinalEvaluationWouldFailTheRun() {
        // The control: left as they are, B and C fail the run when they are read, at the final evaluation.
        assertThatThrownBy(() -> train(readyAfterTraining(false))).hasMessageContaining(b.toString());
    }
}
