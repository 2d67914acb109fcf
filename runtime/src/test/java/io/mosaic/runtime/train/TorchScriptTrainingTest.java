package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.train.optim.AdamConfig;
import io.mosaic.runtime.train.optim.ParameterGroup;
import io.mosaic.runtime.train.optim.ParameterGroups;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline on {@code tiny} with a {@code torchscript-encoder} (the encoders' tiny BERT-like module, 5,968
 * parameters) heading its text chain, trained by the real trainer: frozen, nothing of the module moves and it has no
 * optimizer state; fine-tuned, it trains in its own group (lr 1e-3, weight decay 0.01, none on its biases and
 * LayerNorm weights), is checkpointed, and a resumed run ends with the numbers of an uninterrupted one.
 */
class TorchScriptTrainingTest {
    private static final String ENCODER = "{ use: torchscript-encoder, file: %s, trainable: %s, lr: 1.0e-3, "
            + "weight-decay: 0.01 }";
    private static final String YAML = """
            name: tiny-bert
            seed: 7
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ %s, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8], dropout: 0.0 }
            objectives:
              - l1
            train:
              batch: 32
              select: { metric: mae }
              optimizer: { lr: 0.01 }
            """;
    private static final int BERT_PARAMETERS = 5968;
    private static final String TEXT = "text/";

    @TempDir
    static Path modules;
    private static Path bert;

    @TempDir
    Path runs;

    @BeforeAll
    static void copyTheTinyBert() throws IOException {
        try (InputStream in = TorchScriptTrainingTest.class.getResourceAsStream(
                "/io/mosaic/encoders/torchscript/tiny-bert.pt")) {
            bert = modules.resolve("tiny-bert.pt");
            Files.copy(in, bert);
        }
    }

    private static ResolvedAssembly assembly(boolean trainable, String... overrides) {
        return Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml",
                YAML.formatted(ENCODER.formatted(bert, trainable)), overrides);
    }

    @Test
    void aFrozenEncoderLeavesItsModuleAsItWasHasNoOptimizerStateAndTheLossStillFalls() {
        ResolvedAssembly assembly = assembly(false);
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = initialModel(assembly, root);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root)) {
            assertThat(model.trainable().keySet()).noneMatch(name -> name.startsWith(TEXT));
            assertThat(model.counts()).containsEntry("text[0]", 0L);
            List<ParameterGroup> groups = ParameterGroups.of(assembly.train(), model);
            assertThat(groups).extracting(ParameterGroup::name).containsExactly(ParameterGroups.DEFAULT);
            int[] first = IntStream.range(0, 32).toArray();
            float[] before = textFeatures(assembly, model, first, root);

            List<Double> losses = new ArrayList<>();
            for (int step = 0; step < 4; step++) {
                losses.add(trainingStep(assembly, model, groups, adam, first, root));
            }

            assertThat(textFeatures(assembly, model, first, root)).as("the module's output, bit for bit")
                    .containsExactly(before);
            try (NDManager exported = root.newSubManager()) {
                NDList state = adam.exportState(exported);
                assertThat(state).extracting(NDArray::getName).noneMatch(name -> name.contains(TEXT));
            }
            assertThat(losses.get(3)).isLessThan(losses.get(0));
        }
    }

    @Test
    void aLayerWithParametersRightAfterAFrozenEncoderTakesItsGradient() {
        // torch runs the frozen module in inference mode, whose outputs autograd cannot save for a matrix product
        String yaml = YAML.formatted(ENCODER.formatted(bert, false)).replace("masked-mean-pool ]",
                "{ use: pointwise-projection, dim: 4 }, masked-mean-pool ]");
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml", yaml);
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = initialModel(assembly, root);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root)) {
            List<ParameterGroup> groups = ParameterGroups.of(assembly.train(), model);
            Parameter projection = model.trainable().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("text/") && entry.getKey().endsWith("weight"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            float[] before = projection.getArray().toFloatArray();

            double loss = trainingStep(assembly, model, groups, adam, IntStream.range(0, 32).toArray(), root);

            assertThat(loss).isFinite();
            assertThat(projection.getArray().toFloatArray()).as("the projection after the frozen module moved")
                    .isNotEqualTo(before);
        }
    }

    @Test
    void aFineTunedEncoderTrainsInItsOwnGroupWithoutWeightDecayOnItsBiasesAndLayerNorms() {
        ResolvedAssembly assembly = assembly(true);
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = initialModel(assembly, root);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root)) {
            List<ParameterGroup> groups = ParameterGroups.of(assembly.train(), model);
            AdamConfig optimizer = AdamConfig.of(assembly.train().optimizer());
            assertThat(groups).extracting(ParameterGroup::name)
                    .containsExactly("text[0]", "text[0] (no decay)", ParameterGroups.DEFAULT);
            assertThat(groups).extracting(ParameterGroup::config).containsExactly(
                    optimizer.withLearningRate(1e-3).withWeightDecay(0.01),
                    optimizer.withLearningRate(1e-3).withWeightDecay(0), optimizer);
            assertThat(groups.get(0).size() + groups.get(1).size()).isEqualTo(BERT_PARAMETERS);
            assertThat(groups.get(1).parameters().keys()).hasSize(12)
                    .allMatch(name -> name.endsWith("bias") || name.endsWith("LayerNorm.weight"));
            assertThat(model.counts()).containsEntry("text[0]", (long) BERT_PARAMETERS);

            // A first Adam step on zero gradients: Adam's update is lr·g'/(|g'| + ε) with g' = g + λw = λw, so a
            // decayed weight moves by about lr towards 0, and a bias or LayerNorm weight (λ = 0) does not move.
            int[] first = IntStream.range(0, 32).toArray();
            trainingStep(assembly, model, List.of(), adam, first, root); // gradients exist; nothing updated
            model.trainable().values().forEach(TorchScriptTrainingTest::zeroGradient);
            Parameter query = model.trainable().get(nameEnding(groups.get(0), "query.weight"));
            Parameter norm = model.trainable().get(nameEnding(groups.get(1), "output_LayerNorm.weight"));
            Parameter bias = model.trainable().get(nameEnding(groups.get(1), "query.bias"));
            float[] queryBefore = query.getArray().toFloatArray();
            float[] normBefore = norm.getArray().toFloatArray();
            float[] biasBefore = bias.getArray().toFloatArray();

            adam.step(groups);

            double epsilon = optimizer.epsilon();
            float[] expected = new float[queryBefore.length];
            for (int i = 0; i < expected.length; i++) {
                double decayed = 0.01 * queryBefore[i];
                expected[i] = (float) (queryBefore[i] - 1e-3 * decayed / (Math.abs(decayed) + epsilon));
            }
            assertThat(query.getArray().toFloatArray()).containsExactly(expected, within(1e-6f));
            assertThat(norm.getArray().toFloatArray()).containsExactly(normBefore);
            assertThat(bias.getArray().toFloatArray()).containsExactly(biasBefore);
        }
    }

    @Test
    void aFineTunedEncoderChangesTheLossFallsAndAResumedRunEndsWithTheNumbersOfAnUninterruptedOne() {
        ResolvedAssembly assembly = assembly(true, "train.epochs=3", "train.patience=0");
        List<Double> losses = new ArrayList<>();
        TrainingListener lossLog = new TrainingListener() {
            @Override
            public void epochFinished(EpochRecord record, String selectionMetric) {
                losses.add(record.trainLoss());
            }
        };
        RunFolder straight = RunFolder.create(runs, "straight", LocalDateTime.now());
        TrainingResult uninterrupted;
        try (NDManager root = NDManager.newBaseManager()) {
            uninterrupted = new Trainer(lossLog).train(assembly, straight, root, false);
        }
        RunFolder stopped = RunFolder.create(runs, "stopped", LocalDateTime.now());
        StopRequest stop = new StopRequest();
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(new StopAfterBatch(stop, 2, 3), stop).train(assembly, stopped,
                    root, false)).isInstanceOf(RunStoppedException.class);
        }
        TrainingResult resumed;
        try (NDManager root = NDManager.newBaseManager()) {
            resumed = new Trainer(TrainingListener.SILENT).train(assembly, stopped, root, true);
        }

        assertThat(losses).hasSize(3);
        assertThat(losses.get(2)).isLessThan(losses.get(0));
        assertThat(resumed.test().orElseThrow().metrics().asMap())
                .isEqualTo(uninterrupted.test().orElseThrow().metrics().asMap());
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel initial = initialModel(assembly, root);
             BuiltModel fromStopped = restored(assembly, stopped, root);
             BuiltModel fromStraight = restored(assembly, straight, root)) {
            long moduleParameters = fromStraight.trainable().keySet().stream().filter(n -> n.startsWith(TEXT))
                    .count();
            assertThat(moduleParameters).isEqualTo(20);
            fromStraight.trainable().forEach((name, parameter) -> {
                float[] trained = parameter.getArray().toFloatArray();
                assertThat(fromStopped.trainable().get(name).getArray().toFloatArray()).as(name)
                        .containsExactly(trained);
                if (name.startsWith(TEXT)) {
                    assertThat(trained).as(name + " trained").isNotEqualTo(
                            initial.trainable().get(name).getArray().toFloatArray());
                }
            });
        }
    }

    @Test
    void anEncoderReadingTokenIdsAnywhereButFirstInTheTextChainIsRefusedAtItsLine() {
        String audio = YAML.formatted("{ use: gru, hidden: 4 }").replace(
                "audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]",
                "audio: [ " + ENCODER.formatted(bert, false) + ", masked-mean-pool ]");
        assertThatThrownBy(() -> Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml", audio))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining("tiny-bert.yaml:7: components.audio: encoder 'torchscript-encoder' reads token "
                        + "ids, so it can only be the first encoder of the 'text' slot's chain, which is handed the "
                        + "batch's text");
        String second = YAML.formatted("{ use: gru, hidden: 4 }, " + ENCODER.formatted(bert, false));
        assertThatThrownBy(() -> Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml", second))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining("tiny-bert.yaml:6: components.text: encoder 'torchscript-encoder' reads token "
                        + "ids, so it can only be the first encoder");
    }

    @Test
    void aFrozenEncoderIsCachedOnTokenIdsAndTheCachedRunsEqualAnUncachedOne(@TempDir Path cache) {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml",
                YAML.formatted(ENCODER.formatted(bert, false)), "train.epochs=2", "train.patience=0");
        List<String> messages = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        TrainingResult[] results = new TrainingResult[3];
        for (int run = 0; run < 3; run++) {
            RunFolder folder = RunFolder.create(runs, "tiny-bert-" + run, LocalDateTime.now());
            try (NDManager root = NDManager.newBaseManager()) {
                results[run] = new Trainer(listener, new StopRequest(), run == 0 ? null : cache)
                        .train(assembly, folder, root, false);
            }
        }

        // the second run builds the three splits' text outputs from the batches' token ids, the third reuses them
        assertThat(messages).filteredOn(m -> m.startsWith("encoder cache: built text[0] outputs")).hasSize(3);
        assertThat(messages).filteredOn(m -> m.startsWith("encoder cache: reusing text[0] outputs")).hasSize(3);
        for (TrainingResult cached : List.of(results[1], results[2])) {
            // cached outputs come from evaluation batches, uncached ones from training batches of another size
            assertThat(cached.test().orElseThrow().predictions())
                    .containsExactly(results[0].test().orElseThrow().predictions(), within(1e-5));
        }
        assertThat(results[2].test().orElseThrow().predictions()).as("two cached runs, bit for bit")
                .isEqualTo(results[1].test().orElseThrow().predictions());
    }

    @Test
    void anEncoderReadingTokenIdsIsRefusedOnDataWithoutThem() throws Exception {
        String file = Path.of(getClass().getResource("/data/npz-no-token-ids.npz").toURI()).toString();
        String yaml = YAML.formatted(ENCODER.formatted(bert, false)).replace("{ source: testbed, preset: tiny }",
                "{ source: npz, file: '" + file + "' }");
        assertThatThrownBy(() -> Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml", yaml))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining("tiny-bert.yaml:6: components.text: encoder 'torchscript-encoder' reads token "
                        + "ids, and the data carries none (an MMSA file needs 'text_bert', an npz file "
                        + "'<split>_token_ids' or '<split>_text_bert')");
        assertThat(Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml", yaml.replace(
                "npz-no-token-ids.npz", "mmsa-export.npz")).dataSpec().vocabulary()).as("the same file with ids")
                .isPositive();
    }

    @Test
    void aMissingModuleFileIsRefusedWhenTheModelIsBuiltNamingTheLineAndTheFile() {
        Path absent = modules.resolve("absent.pt");
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny-bert.yaml",
                YAML.formatted(ENCODER.formatted(absent, false)));
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelBuilder.build(assembly, root))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessageContaining("tiny-bert.yaml:6: ")
                    .hasMessageContaining("file " + absent + " does not exist");
        }
    }

    private static String nameEnding(ParameterGroup group, String suffix) {
        return group.parameters().keys().stream().filter(name -> name.endsWith(suffix)).findFirst().orElseThrow();
    }

    /** The model as the trainer initialises it. */
    private static BuiltModel initialModel(ResolvedAssembly assembly, NDManager root) {
        Engine.getInstance().setRandomSeed(Trainer.seedOf(assembly.assembly().seed(), 0));
        return ModelBuilder.build(assembly, root);
    }

    private static BuiltModel restored(ResolvedAssembly assembly, RunFolder folder, NDManager root) {
        BuiltModel model = ModelBuilder.build(assembly, root);
        try (Adam adam = new Adam(AdamConfig.defaults(), root)) {
            Checkpoint.restore(folder.checkpoint("last"), model, adam, root);
        }
        return model;
    }

    private static Batch batch(ResolvedAssembly assembly, int[] indices, NDManager manager) {
        Split train = assembly.dataset().split(Dataset.TRAIN);
        return new Batcher(assembly.dataSpec().inputs(), assembly.dataSpec().task()).batch(train, indices, manager);
    }

    /** The pooled text features of an evaluation pass on the samples {@code indices}. */
    private static float[] textFeatures(ResolvedAssembly assembly, BuiltModel model, int[] indices, NDManager root) {
        try (NDManager manager = root.newSubManager()) {
            Taps taps = new Taps();
            model.network().forward(new ParameterStore(manager, false), batch(assembly, indices, manager), taps,
                    false);
            return taps.get("text.encoded").toFloatArray();
        }
    }

    /** A training step as the trainer makes it (forward, loss, backward, Adam over {@code groups}); its loss. */
    private static double trainingStep(ResolvedAssembly assembly, BuiltModel model, List<ParameterGroup> groups,
                                       Adam adam, int[] indices, NDManager root) {
        try (NDManager manager = root.newSubManager()) {
            Batch batch = batch(assembly, indices, manager);
            ParameterStore store = new ParameterStore(manager, false);
            StepViews views = new StepViews(store);
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Taps taps = new Taps();
                model.network().forward(store, batch, taps, true);
                views.add(Views.CLEAN, batch, taps);
                NDArray total = Trainer.weightedLoss(assembly.objectives(), model, views, manager);
                loss = total.getFloat();
                collector.backward(total);
            }
            if (!groups.isEmpty()) {
                adam.step(groups);
                model.trainable().values().forEach(TorchScriptTrainingTest::zeroGradient);
            }
            return loss;
        }
    }

    private static void zeroGradient(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient()) {
            gradient.subi(gradient);
        }
    }
}
