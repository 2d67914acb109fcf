package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped baseline with a frozen {@code torchscript-encoder} heading its text chain (the encoders' tiny
 * BERT-like module, next to the assembly file that names it) on {@code tiny}, in the real runtime: the bundle's
 * component loads the file through the host's DJL PyTorch engine and reads the batches' token ids.
 */
class TorchScriptEncoderIT {
    private static final String ASSEMBLY = """
            name: baseline-tiny-bert
            extends: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: torchscript-encoder, file: %s }, { use: gru, hidden: 8 }, masked-mean-pool ]
            train: { epochs: 3, patience: 0 }
            """;

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() throws IOException {
        options = Installation.options(work, Duration.ofSeconds(10));
        try (InputStream in = getClass().getResourceAsStream("/io/mosaic/encoders/torchscript/tiny-bert.pt")) {
            Files.copy(in, work.resolve("tiny-bert.pt"));
        }
    }

    @Test
    void theBaselineTrainsWithAFrozenTorchScriptTextEncoderOnTheTestbedsTokenIds() throws IOException {
        Path assembly = Files.writeString(work.resolve("baseline-tiny-bert.yaml"), ASSEMBLY.formatted("tiny-bert.pt"));

        Cli.Result result = Cli.run(options, "run", assembly.toString(), "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
        List<Double> trainLoss = RunFiles.epochs(run).numbers("train_loss");
        assertThat(trainLoss).hasSize(3).allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
        assertThat(trainLoss.get(2)).as("train loss of epoch 3 vs epoch 1").isLessThan(trainLoss.get(0));
        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
        assertThat(metrics.get("parameters").get("text[0]").asLong()).as("the frozen module trains no parameter")
                .isZero();
        assertThat(metrics.get("parameters").get("text[1]").asLong()).as("the GRU after it: 3·8·(16 + 8 + 2)")
                .isEqualTo(624);
    }

    @Test
    void aMissingModuleFileIsRefusedByValidateNamingTheLineAndTheFile() throws IOException {
        Path assembly = Files.writeString(work.resolve("absent.yaml"), ASSEMBLY.formatted("absent.pt"));

        Cli.Result result = Cli.run(options, "validate", assembly.toString());

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).contains(assembly + ":5: ").contains("file " + work.resolve("absent.pt")
                + " does not exist");
    }
}
