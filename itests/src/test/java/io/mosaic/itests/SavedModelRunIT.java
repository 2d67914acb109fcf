package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The baseline with a frozen TensorFlow SavedModel as the first encoder of its vision chain, in the real runtime:
 * TensorFlow Java reaches the encoders bundle through the system bundle, the model folder is found beside the
 * assembly file, and the rest of the network trains around the frozen model.
 */
class SavedModelRunIT {
    private static final String ASSEMBLY = """
            extends: baseline
            name: baseline-savedmodel
            components:
              vision:
                - { use: savedmodel-encoder, dir: vision-model, input: frames, output: codes }
                - { use: gru, hidden: 16 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    Path work;

    @Test
    void theBaselineTrainsAroundAFrozenSavedModelVisionEncoder() throws Exception {
        Path assembly = writeAssembly(work);
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));

        Cli.Result result = Cli.run(options, "run", assembly.toString(), "--set", "data.preset=tiny", "--set",
                "train.epochs=4", "--set", "train.patience=0", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        EpochTable epochs = RunFiles.epochs(run);
        List<Double> trainLoss = epochs.numbers("train_loss");
        assertThat(trainLoss).hasSize(4).allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
        assertThat(trainLoss.get(3)).as("train loss of epoch 4 vs epoch 1").isLessThan(trainLoss.get(0));
        RunFiles.metrics(run).get("test").fields().forEachRemaining(metric ->
                assertThat(metric.getValue().asDouble()).as(metric.getKey()).isFinite());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) ((Map<String, Object>) RunFiles
                .resolvedAssembly(run).get("components")).get("vision")).get(0);
        assertThat((String) first.get("use")).startsWith("savedmodel-encoder@=");
    }

    /** The baseline with the frozen vision model of {@link #writeVisionModel} beside it, in {@code folder}. */
    static Path writeAssembly(Path folder) throws Exception {
        writeVisionModel(folder.resolve("vision-model"));
        return Files.writeString(folder.resolve("baseline-savedmodel.yaml"), ASSEMBLY);
    }

    /** tanh(x W + b) on tiny's 6 vision features to 8, with fixed weights: a stand-in for a pretrained encoder. */
    private static void writeVisionModel(Path folder) throws Exception {
        float[][] w = new float[6][8];
        float[] b = new float[8];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 8; j++) {
                w[i][j] = (float) Math.sin(1 + i * 8 + j) / 2;
            }
        }
        for (int j = 0; j < 8; j++) {
            b[j] = (float) Math.cos(j) / 10;
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> frames = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, 6)));
            Operand<TFloat32> codes = tf.math.tanh(tf.math.add(
                    tf.train.batchMatMul(frames, tf.constant(w), TFloat32.class), tf.constant(b)));
            SavedModelBundle.exporter(folder.toString()).withFunction(SessionFunction.create(Signature.builder()
                    .input("frames", frames).output("codes", codes).build(), session)).export();
        }
    }
}
