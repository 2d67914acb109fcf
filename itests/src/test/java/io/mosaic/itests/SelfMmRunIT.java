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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-MM on the real runtime: the shipped {@code self-mm} assembly (pooled encoders, four heads, the multimodal and
 * three unimodal L1 terms, optimizer groups and 4-batch accumulation) trained on the tiny testbed.
 */
class SelfMmRunIT {
    /** The multimodal L1, then the L1 of prediction.text, .audio, .vision, as the assembly lists them. */
    private static final List<String> OBJECTIVES = List.of("objective_l1", "objective_l1#2", "objective_l1#3",
            "objective_l1#4");
    /** The four heads and their features chains, mmsa.md §3.1 at MMSA's MOSI widths. */
    private static final List<String> HEAD_PARTS = List.of("fusion-features[1]", "head", "text-features[1]",
            "text-head", "audio-features[1]", "audio-head", "vision-features[1]", "vision-head");

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void selfMmTrainsOnTinyWithFallingLossesAndFiniteOutputs() {
        Cli.Result result = Cli.run(options, "run", "self-mm", "--set", "data.preset=tiny", "--set",
                "train.epochs=4", "--set", "train.patience=0", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        EpochTable epochs = RunFiles.epochs(run);
        List<Double> loss = epochs.numbers("train_loss");
        assertThat(loss).hasSize(4).allSatisfy(value -> assertThat(value).isFinite().isPositive());
        assertThat(loss.get(3)).as("train loss of epoch 4 vs epoch 1").isLessThan(loss.get(0));
        for (String objective : OBJECTIVES) {
            List<Double> values = epochs.numbers(objective);
            assertThat(values).as(objective).hasSize(4).allSatisfy(value -> assertThat(value).isFinite());
            assertThat(values.get(3)).as(objective + " of epoch 4 vs epoch 1").isLessThan(values.get(0));
        }

        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
        JsonNode parameters = metrics.get("parameters");
        long heads = HEAD_PARTS.stream().mapToLong(part -> parameters.get(part).asLong()).sum();
        assertThat(heads).isEqualTo(149_620);
        // text: tiny's 8 token features projected to 768 with a LayerNorm; GRU(4 → 16) and GRU(6 → 32) with their
        // Linear(h → h) outputs
        assertThat(parameters.get("total").asLong()).isEqualTo(149_620 + (8 * 768 + 768 + 2 * 768)
                + (3 * 16 * (4 + 16) + 6 * 16 + 16 * 16 + 16) + (3 * 32 * (6 + 32) + 6 * 32 + 32 * 32 + 32));
    }

    @Test
    void anEncoderChainWithoutPoolingIsRefusedNamingTheSlot() throws IOException {
        Path assembly = work.resolve("unpooled.yaml");
        Files.writeString(assembly, """
                name: unpooled
                extends: self-mm
                components:
                  audio: [ { use: gru, hidden: 16 } ]
                """);

        Cli.Result result = Cli.run(options, "validate", assembly.toString(), "--set", "data.preset=tiny");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("self-mm.yaml:").contains("pipeline self-mm")
                .contains("slot 'audio' must end in a pooled vector, but returns a sequence 20x16");
    }
}
