package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2LIF on the real runtime: the shipped {@code s2lif} (feature masks, token-similarity pooling, keyframe masking and
 * its reconstruction GRU, learning in order through the stages its pipeline proposes) trained on the tiny testbed.
 */
class S2lifRunIT {
    private static final int EPOCHS_PER_STAGE = 2;

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    /**
     * Trained on tiny's domain 0 and tested on its domains 1 and 2: each stage's cross-entropy falls within its stage,
     * the other stage's objectives are empty there, and the report has the source and both targets.
     */
    @Test
    void s2lifLearnsTextThenVisionOnTinyAndReportsSourceAndTargets() throws IOException {
        Cli.Result result = Cli.run(options, "run", "s2lif", "--set", "data.preset=tiny", "--set",
                "data.train-domains=[0]", "--set", "data.test-domains=[1, 2]", "--set", "train.epochs=" + EPOCHS_PER_STAGE,
                "--set", "train.batch=32", "--quiet");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());

        EpochTable epochs = RunFiles.epochs(run);
        assertThat(epochs.cells("stage")).containsExactly("text", "text", "vision", "vision");
        // stage text: CE_t and α·sparse_t; stage vision: CE_v, α·sparse_v and L_recon
        List<String> textCe = epochs.cells("objective_cross-entropy");
        List<String> visionCe = epochs.cells("objective_cross-entropy#2");
        assertThat(textCe.subList(2, 4)).containsOnly("");
        assertThat(visionCe.subList(0, 2)).containsOnly("");
        assertThat(Double.parseDouble(textCe.get(1))).as("CE_t").isLessThan(Double.parseDouble(textCe.get(0)));
        assertThat(Double.parseDouble(visionCe.get(3))).as("CE_v").isLessThan(Double.parseDouble(visionCe.get(2)));
        assertThat(epochs.cells("objective_keyframe-reconstruction").subList(2, 4))
                .allSatisfy(value -> assertThat(Double.parseDouble(value)).isFinite().isPositive());
        // the masks' keep ratios and the keyframes' are logged every epoch
        for (String tap : List.of("tap_text.mask.keep", "tap_vision.mask.keep", "tap_vision.keyframe.keep")) {
            assertThat(epochs.numbers(tap)).as(tap).hasSize(4).allSatisfy(keep -> assertThat(keep).isBetween(0.0, 1.0));
        }

        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
        assertThat(metrics.get("test").get("accuracy").asDouble()).isBetween(0.0, 1.0);
        JsonNode domains = metrics.get("domainTests");
        List<String> splits = new ArrayList<>();
        domains.fieldNames().forEachRemaining(splits::add);
        assertThat(splits).containsExactly("source", "target-1", "target-2");
        splits.forEach(split -> assertThat(domains.get(split).get("accuracy").asDouble()).as(split)
                .isBetween(0.0, 1.0));
        assertThat(RunFiles.resolvedAssembly(run)).extractingByKey("train").asString()
                .contains("name=text").contains("frozen=[vision, vision-head]")
                .contains("name=vision").contains("frozen=[text, text-head]");
    }
}
