package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MulT on the real runtime: the shipped {@code mult} (crossmodal transformers and self-attention memories, last-step
 * pooling, the residual joint block) trained on the unaligned tiny testbed, with three modalities and with S2LIF's two.
 */
class MultRunIT {
    private static final int EPOCHS = 4;

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    private Path train(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("run", "mult", "--set", "data.preset=tiny", "--set",
                "train.epochs=" + EPOCHS, "--set", "train.patience=0", "--quiet"));
        for (String setting : settings) {
            arguments.add("--set");
            arguments.add(setting);
        }
        Cli.Result result = Cli.run(options, arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return RunFiles.onlyRun(options.runs());
    }

    private static void assertLearnedWithFiniteOutputs(Path run) throws IOException {
        EpochTable epochs = RunFiles.epochs(run);
        List<Double> loss = epochs.numbers("train_loss");
        assertThat(loss).hasSize(EPOCHS).allSatisfy(value -> assertThat(value).isFinite().isPositive());
        assertThat(loss.get(EPOCHS - 1)).as("train loss of the last epoch vs epoch 1").isLessThan(loss.get(0));
        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
    }

    /** One pre-LN layer of width w: attention 4w² + 4w, FFN 8w² + 5w, two LayerNorms 4w. */
    private static long layer(long w) {
        return 12 * w * w + 13 * w;
    }

    @Test
    void multTrainsOnTinyWithThreeModalities() throws IOException {
        Path run = train();

        assertLearnedWithFiniteOutputs(run);
        JsonNode parameters = RunFiles.metrics(run).get("parameters");
        // 6 crossmodal transformers of width 30 and 3 memories of width 60, 4 layers each with a final LayerNorm
        assertThat(parameters.get("fusion").asLong()).isEqualTo(6 * (4 * layer(30) + 60) + 3 * (4 * layer(60) + 120));
        assertThat(parameters.get("joint").asLong()).isEqualTo(2 * (180 * 180 + 180));
        assertThat(parameters.get("head").asLong()).isEqualTo(181);
    }

    @Test
    void multTrainsOnTinyWithS2lifsTwoModalities() throws IOException {
        Path run = train("pipeline.modalities=[text, vision]");

        assertLearnedWithFiniteOutputs(run);
        JsonNode parameters = RunFiles.metrics(run).get("parameters");
        assertThat(parameters.has("audio")).isFalse();
        assertThat(parameters.get("fusion").asLong()).isEqualTo(2 * (4 * layer(30) + 60) + 2 * (4 * layer(30) + 60));
        assertThat(parameters.get("joint").asLong()).isEqualTo(2 * (60 * 60 + 60));
    }

    @Test
    void headsThatDoNotDivideTheWidthAreRefusedAtTheFusionsLine() throws IOException {
        Path assembly = work.resolve("bad-heads.yaml");
        Files.writeString(assembly, """
                name: bad-heads
                extends: mult
                components:
                  fusion: { use: crossmodal, heads: 7 }
                """);

        Cli.Result result = Cli.run(options, "validate", assembly.toString(), "--set", "data.preset=tiny");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("bad-heads.yaml:4:").contains("crossmodal")
                .contains("the inputs' width 30 must be at least 4 and a multiple of heads 7");
    }
}
