package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SATI on the real runtime: the shipped {@code sati} assembly (shared encoder, CMD, the adversarial discriminator with
 * its own parameters, temporal invariance, semantic-guided fusion, gradient clipping) trained on the word-aligned tiny
 * testbed, and the transplants {@code cider-ti} and {@code sati-maci} trained by configuration alone.
 */
class SatiRunIT {
    private static final List<String> OBJECTIVES = List.of("objective_mse", "objective_cmd",
            "objective_modality-discriminator", "objective_temporal-invariance");

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void satiTrainsOnTinyAlignedWithFallingLossAndEveryObjectiveLogged() {
        Cli.Result result = Cli.run(options, "run", "sati", "--set", "data.preset=tiny-aligned", "--set",
                "train.epochs=4", "--set", "train.patience=0", "--set", "train.optimizer.lr=0.001", "--set",
                "evaluate.sweeps=[{use: gaussian-noise, modalities: [vision], rates: [0.0, 0.5, 1.0]}]", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        EpochTable epochs = RunFiles.epochs(run);
        List<Double> loss = epochs.numbers("train_loss");
        assertThat(loss).hasSize(4).allSatisfy(value -> assertThat(value).isFinite());
        assertThat(loss.get(3)).as("train loss of epoch 4 vs epoch 1").isLessThan(loss.get(0));
        for (String objective : OBJECTIVES) {
            assertThat(epochs.numbers(objective)).as(objective).hasSize(4)
                    .allSatisfy(value -> assertThat(value).isFinite().isNotNegative());
        }
        assertThat(epochs.numbers("objective_mse").get(3)).isLessThan(epochs.numbers("objective_mse").get(0));

        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
        JsonNode parameters = metrics.get("parameters");
        // The discriminator's hidden layer and W (128·128 + 128 + 3·128) train with the model but are not part of it.
        assertThat(parameters.get("objective:modality-discriminator").asLong()).isEqualTo(16_896);
        assertThat(parameters.get("shared:invariant").asLong()).isEqualTo(128 * 128 + 128);
        long parts = 0;
        for (var it = parameters.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getKey().equals("total") && !entry.getKey().startsWith("objective:")) {
                parts += entry.getValue().asLong();
            }
        }
        assertThat(parameters.get("total").asLong()).isEqualTo(parts);
        JsonNode sweep = metrics.get("sweeps").get("gaussian-noise");
        assertThat(sweep.get("curves").get("mae").get(0).asDouble()).as("σ 0 is the clean test result")
                .isEqualTo(metrics.get("test").get("mae").asDouble());
    }

    @Test
    void theTransplantsTrainByConfigurationAlone() {
        Cli.Result ciderTi = Cli.run(options, "run", "cider-ti", "--set", "data.preset=tiny", "--set",
                "train.epochs=2", "--set", "train.patience=0", "--set", "train.batch=32", "--set",
                "evaluate.sweeps=[]", "--quiet");
        assertThat(ciderTi.exitCode()).as(ciderTi.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        assertThat(RunFiles.epochs(run).numbers("objective_temporal-invariance"))
                .allSatisfy(value -> assertThat(value).isFinite().isPositive());

        Cli.Result satiMaci = Cli.run(options, "run", "sati-maci", "--set", "data.preset=tiny-aligned", "--set",
                "train.epochs=2", "--set", "train.patience=0", "--set", "evaluate.sweeps=[]", "--quiet");
        assertThat(satiMaci.exitCode()).as(satiMaci.toString()).isZero();
        assertThat(satiMaci.out()).contains("debiaser    strength");
    }
}
