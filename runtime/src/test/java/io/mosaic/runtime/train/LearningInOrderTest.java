package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.models.s2lif.S2lifFactory;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.train.optim.AdamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2LIF's learning in order (seed eq. 17–19) through the stages its pipeline proposes: stage one trains text's chain
 * and classifier only, stage two vision's with text's frozen, bit for bit.
 */
class LearningInOrderTest {
    private static final String S2LIF = """
            name: in-order
            seed: 7
            pipeline: { use: s2lif, order: text-first }
            data: { source: testbed, preset: tiny, task: classes-3 }
            components:
              text: [ { use: gru, hidden: 6 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 5 }, masked-mean-pool ]
              text-head: { use: mlp, hidden: [4] }
              vision-head: { use: mlp, hidden: [4] }
            objectives:
              - { use: cross-entropy, on: prediction.text }
              - { use: cross-entropy, on: prediction }
            train: { epochs: 2, batch: 32, patience: 0, select: { metric: accuracy } }
            """;

    @TempDir
    Path runs;

    @Test
    void eachStageTrainsOnlyItsModalityAndTheFirstStaysFrozenBitForBit() {
        InstalledComponents installed = InstalledComponents.builtIn().add(ComponentKind.PIPELINE, "s2lif",
                "io.mosaic.models", InstalledComponents.VERSION, new S2lifFactory());
        ResolvedAssembly assembly = Assemblies.resolve(installed, "in-order.yaml", S2LIF);
        RunFolder folder = RunFolder.create(runs, "in-order", LocalDateTime.now());
        List<String> stages = new ArrayList<>();
        List<Path> snapshots = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager()) {
            TrainingListener snapshotter = new TrainingListener() {
                @Override
                public void epochFinished(EpochRecord record, String selectionMetric) {
                    stages.add(record.stage());
                    Path copy = runs.resolve("after-epoch-" + record.epoch() + ".ckpt");
                    try {
                        Files.copy(folder.checkpoint("last"), copy);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    snapshots.add(copy);
                }
            };
            new Trainer(snapshotter).train(assembly, folder, root, false);

            assertThat(stages).containsExactly("text", "text", "vision", "vision");
            Map<String, float[]> firstEpoch = parameters(assembly, root, snapshots.get(0));
            Map<String, float[]> afterText = parameters(assembly, root, snapshots.get(1));
            Map<String, float[]> afterVision = parameters(assembly, root, snapshots.get(3));
            assertThat(firstEpoch).isNotEmpty();
            firstEpoch.keySet().forEach(name -> {
                boolean text = name.startsWith("text/") || name.startsWith("text-head/");
                // stage one's second epoch moves text's parts and leaves vision's bit-identical
                assertThat(Arrays.equals(afterText.get(name), firstEpoch.get(name)))
                        .as("%s unchanged by stage one's second epoch", name).isEqualTo(!text);
                // stage two moves vision's parts and leaves text's bit-identical
                assertThat(Arrays.equals(afterVision.get(name), afterText.get(name)))
                        .as("%s unchanged by stage two", name).isEqualTo(text);
            });
        }
    }

    /** Every parameter of the model with {@code checkpoint}'s values, by name. */
    private static Map<String, float[]> parameters(ResolvedAssembly assembly, NDManager root, Path checkpoint) {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (BuiltModel model = ModelBuilder.build(assembly, root);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root)) {
            Checkpoint.restore(checkpoint, model, adam, root);
            model.parameters().forEach((name, parameter) -> values.put(name, parameter.getArray().toFloatArray()));
        }
        return values;
    }
}
