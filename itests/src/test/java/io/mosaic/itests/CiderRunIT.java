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
 * CIDer on the real runtime: the shipped {@code cider} assembly (WSAM, MCT, MSSD, MACI, two optimizer steps per
 * batch) trained on tiny ({@code ShippedAssembliesIT} validates its ablations).
 */
class CiderRunIT {
    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void ciderTrainsOnTinyWithFallingLossFiniteOutputsAndAuilc() {
        Cli.Result result = Cli.run(options, "run", "cider", "--set", "data.preset=tiny", "--set",
                "train.epochs=4", "--set", "train.patience=0", "--set", "train.batch=32", "--set",
                "evaluate.sweeps=[{use: rmfm, rates: [0.0, 0.5, 1.0]}]", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        EpochTable epochs = RunFiles.epochs(run);
        List<Double> loss = epochs.numbers("train_loss");
        assertThat(loss).hasSize(4).allSatisfy(value -> assertThat(value).isFinite().isPositive());
        assertThat(loss.get(3)).as("train loss of epoch 4 vs epoch 1").isLessThan(loss.get(0));

        JsonNode metrics = RunFiles.metrics(run);
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
        assertThat(metrics.get("strength").asDouble()).as("counterfactual strength, tuned on valid")
                .isBetween(0.0, 3.0);
        JsonNode sweep = metrics.get("sweeps").get("rmfm");
        assertThat(sweep.get("auilc").fieldNames()).toIterable()
                .containsExactly("acc2_non0", "f1_non0", "accuracy", "f1_weighted");
        assertThat(sweep.get("auilc").get("acc2_non0").asDouble()).isBetween(0.0, 1.0);
        assertThat(sweep.get("curves").get("acc2_non0").get(0).asDouble()).as("rate 0 is the clean test result")
                .isEqualTo(metrics.get("test").get("acc2_non0").asDouble());
        assertThat(result.out()).contains("debiaser    strength");
    }
}
