package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.MemoryL1Factory;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.train.optim.AdamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An objective with state over the training split ({@code StatefulObjective}, here the test fixture
 * {@code memory-l1}): fitted on the training split, updated after each training step and on no other pass, its
 * table written after each epoch, its state checkpointed and restored so that a resumed run gives the same numbers.
 */
class StatefulObjectivesTest {
    private static final String TINY = TinyBaseline.YAML.replace("  - l1\n", "  - l1\n  - memory-l1\n");

    @TempDir
    Path runs;

    @Test
    void eachEpochWritesTheTableOfEveryTrainingSampleUpdatedOncePerEpochAndNoOther() {
        ResolvedAssembly assembly = assembly("train.epochs=2");
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }
        Split train = assembly.dataset().split(Dataset.TRAIN);
        List<String> trainIds = IntStream.range(0, train.size()).mapToObj(i -> train.sample(i).id()).toList();
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<String> lines = folder.readText(RunFolder.objectiveTable(MemoryL1Factory.NAME, epoch)).lines()
                    .toList();
            assertThat(lines.get(0)).isEqualTo("id,target,updates");
            // Every training sample, once; validation and test samples never reach update (it would throw).
            assertThat(lines.subList(1, lines.size()).stream().map(line -> line.split(",")[0]))
                    .containsExactlyElementsOf(trainIds);
            String updates = Double.toString(epoch);
            assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).endsWith("," + updates));
        }
        assertThat(folder.path().resolve("objectives/memory-l1/epoch-003.csv")).doesNotExist();
    }

    @Test
    void aRunStoppedInEpochTwoResumesWithTheStateOfEpochOneToTheSameNumbers() {
        ResolvedAssembly assembly = assembly("train.epochs=3");
        StopRequest stop = new StopRequest();
        TrainingListener stopInEpochTwo = new StopAfterBatch(stop, 2, 2);
        RunFolder stopped = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(stopInEpochTwo, stop).train(assembly, stopped, root, false))
                    .isInstanceOf(RunStoppedException.class);
        }
        String epochOne = stopped.readText(RunFolder.objectiveTable(MemoryL1Factory.NAME, 1));
        assertThat(Files.exists(stopped.path().resolve(RunFolder.objectiveTable(MemoryL1Factory.NAME, 2)))).isFalse();
        assertThat(tableIn(assembly, stopped.checkpoint("last"))).isEqualTo(epochOne);

        TrainingResult resumed;
        TrainingResult straight;
        RunFolder straightFolder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            resumed = new Trainer(TrainingListener.SILENT).train(assembly, stopped, root, true);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            straight = new Trainer(TrainingListener.SILENT).train(assembly, straightFolder, root, false);
        }
        for (int epoch = 1; epoch <= 3; epoch++) {
            String file = RunFolder.objectiveTable(MemoryL1Factory.NAME, epoch);
            assertThat(stopped.readText(file)).as("epoch %d", epoch).isEqualTo(straightFolder.readText(file));
        }
        assertThat(stopped.readText(RunFolder.objectiveTable(MemoryL1Factory.NAME, 3))).isNotEqualTo(epochOne);
        assertThat(resumed.state().history().stream().map(EpochRecord::trainLoss).toList())
                .isEqualTo(straight.state().history().stream().map(EpochRecord::trainLoss).toList());
        assertThat(resumed.state().history().stream().map(EpochRecord::validLoss).toList())
                .isEqualTo(straight.state().history().stream().map(EpochRecord::validLoss).toList());
        assertThat(resumed.valid().metrics().asMap()).isEqualTo(straight.valid().metrics().asMap());
        assertThat(resumed.test().orElseThrow().metrics().asMap())
                .isEqualTo(straight.test().orElseThrow().metrics().asMap());
    }

    @Test
    void aCheckpointWithoutTheObjectivesStateIsCorrupt() {
        ResolvedAssembly withState = assembly("train.epochs=1");
        ResolvedAssembly without = Assemblies.resolve(MemoryL1Factory.installed(), "tiny.yaml", TinyBaseline.YAML,
                "train.epochs=1");
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            new Trainer(TrainingListener.SILENT).train(without, folder, root, false);
            try (BuiltModel model = ModelBuilder.build(withState, root);
                 Adam adam = new Adam(AdamConfig.defaults(), root)) {
                assertThatThrownBy(() -> Checkpoint.restore(folder.checkpoint("last"), model, adam, root))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("it lacks objectives/memory-l1.ndlist");
            }
        }
    }

    /** The table of the objective's state in {@code checkpoint}, restored into a model built anew, as a run writes it. */
    private String tableIn(ResolvedAssembly assembly, Path checkpoint) {
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root);
             Adam adam = new Adam(AdamConfig.defaults(), root)) {
            Trainer.fitOnTrainingSplit(assembly, model, root, new StopRequest());
            Checkpoint.restore(checkpoint, model, adam, root);
            RunFolder scratch = RunFolder.create(runs, "scratch", LocalDateTime.now());
            ObjectiveTables.write(scratch, model.statefulObjectives(), 1);
            return scratch.readText(RunFolder.objectiveTable(MemoryL1Factory.NAME, 1));
        }
    }

    private static ResolvedAssembly assembly(String epochs) {
        return Assemblies.resolve(MemoryL1Factory.installed(), "tiny.yaml", TINY, epochs, "train.patience=0");
    }
}
