package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * Self-MM and CORAL-ULGM on the real runtime: the shipped {@code self-mm} (pooled encoders with MMSA's sLSTM, four
 * heads, the multimodal L1 and ULGM, optimizer groups and 4-batch accumulation) and {@code coral-ulgm} (the same with
 * CORAL "V-A" through trained projections) trained on the tiny testbed.
 */
class SelfMmRunIT {
    /** The four heads and their features chains, mmsa.md §3.1 at MMSA's MOSI widths. */
    private static final List<String> HEAD_PARTS = List.of("fusion-features[1]", "head", "text-features[1]",
            "text-head", "audio-features[1]", "audio-head", "vision-features[1]", "vision-head");
    private static final int EPOCHS = 4;
    private static final int TRAINING_SAMPLES = 160;

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    private Path train(String assembly, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("run", assembly, "--set", "data.preset=tiny", "--set",
                "train.epochs=" + EPOCHS, "--set", "train.patience=0", "--quiet"));
        for (String setting : settings) {
            arguments.add("--set");
            arguments.add(setting);
        }
        Cli.Result result = Cli.run(options, arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return RunFiles.onlyRun(options.runs());
    }

    /**
     * The multimodal L1 falls (the training loss itself rises in epoch 3, when ULGM's weighted unimodal terms join
     * it), outputs are finite, ULGM's term is 0 until its labels move (mmsa.md §3.4: unimodal losses
     * start in epoch 3), its generated labels are written every epoch, and metrics.json compares them with the
     * planted unimodal scores.
     */
    private static void assertTrainedWithUlgm(Path run) throws IOException {
        EpochTable epochs = RunFiles.epochs(run);
        List<Double> loss = epochs.numbers("train_loss");
        assertThat(loss).hasSize(EPOCHS).allSatisfy(value -> assertThat(value).isFinite().isPositive());
        List<Double> l1 = epochs.numbers("objective_l1");
        assertThat(l1.get(EPOCHS - 1)).as("multimodal L1, last epoch vs epoch 1").isLessThan(l1.get(0));
        List<Double> ulgm = epochs.numbers("objective_ulgm");
        assertThat(ulgm.subList(0, 2)).as("ULGM in epochs 1 and 2").containsOnly(0.0);
        assertThat(ulgm.subList(2, EPOCHS)).as("ULGM from epoch 3").allSatisfy(value -> assertThat(value)
                .isFinite().isPositive());
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Path table = run.resolve(String.format("objectives/ulgm/epoch-%03d.csv", epoch));
            List<String> lines = Files.readAllLines(table);
            assertThat(lines.get(0)).isEqualTo("id,multimodal,text,audio,vision");
            assertThat(lines).as(table.toString()).hasSize(1 + TRAINING_SAMPLES);
        }

        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
        JsonNode agreement = metrics.get("unimodalLabels").get("ulgm");
        for (String modality : List.of("text", "audio", "vision")) {
            assertThat(agreement.get(modality).asDouble()).as(modality).isBetween(-1.0, 1.0);
            assertThat(agreement.get(modality + "_multimodal").asDouble()).as(modality).isBetween(-1.0, 1.0);
        }
    }

    @Test
    void selfMmTrainsOnTinyWithUlgmAndMmsasParameterCounts() throws IOException {
        Path run = train("self-mm");

        assertTrainedWithUlgm(run);
        JsonNode metrics = RunFiles.metrics(run);
        JsonNode parameters = metrics.get("parameters");
        long heads = HEAD_PARTS.stream().mapToLong(part -> parameters.get(part).asLong()).sum();
        assertThat(heads).isEqualTo(149_620);
        // text: tiny's 8 token features projected to 768 with a LayerNorm; LSTM(4 → 16) and LSTM(6 → 32), each
        // 4h(d + h) + 8h, with their Linear(h → out)
        assertThat(parameters.get("total").asLong()).isEqualTo(149_620 + (8 * 768 + 768 + 2 * 768)
                + (4 * 16 * (4 + 16) + 8 * 16 + 16 * 16 + 16) + (4 * 32 * (6 + 32) + 8 * 32 + 32 * 32 + 32));
        // without a unimodal shift the planted scores are the label itself: the multimodal label agrees exactly
        assertThat(metrics.get("unimodalLabels").get("ulgm").get("text_multimodal").asDouble())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void coralUlgmTrainsOnTinyWithItsProjectionsCountedApart() throws IOException {
        Path run = train("coral-ulgm", "data.unimodal-shift=1.0");

        assertTrainedWithUlgm(run);
        List<Double> coral = RunFiles.epochs(run).numbers("objective_coral");
        assertThat(coral).hasSize(EPOCHS).allSatisfy(value -> assertThat(value).isFinite().isNotNegative());
        JsonNode metrics = RunFiles.metrics(run);
        // projections of F_a (16) and F_v (32) to d = 16, without bias
        assertThat(metrics.get("parameters").get("objective:coral").asLong()).isEqualTo(16 * 16 + 32 * 16);
        assertThat(metrics.get("unimodalLabels").get("ulgm").get("text_multimodal").asDouble())
                .as("planted y_s differ from y").isLessThan(0.99);
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
