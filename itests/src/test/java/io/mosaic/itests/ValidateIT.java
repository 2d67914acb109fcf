package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic validate} builds the model's shapes: it says so when the assembly is valid, and a component that
 * cannot take the shapes the pipeline gives it is refused at its line (exit 3), before any run.
 */
class ValidateIT {
    private static final int INVALID = 3;

    @TempDir
    Path work;

    @Test
    void validateBuildsTheModelsShapesAndReportsAMismatchAtItsLine() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));

        Cli.Result valid = Cli.run(options, "validate", "baseline", "--set", "data.preset=tiny");
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out()).containsPattern("bundle:io\\.mosaic\\.models/mosaic/assemblies/baseline\\.yaml is "
                + "valid: syntax, components, parameters, taps, data and the model's shapes \\([\\d,]+ parameters\\)")
                .contains("pipeline baseline@");

        Path mct = Files.writeString(work.resolve("baseline-mct.yaml"), """
                extends: baseline
                components:
                  fusion: { use: mct }
                """);
        Cli.Result mismatch = Cli.run(options, "validate", mct.toString(), "--set", "data.preset=tiny");
        assertThat(mismatch.exitCode()).as(mismatch.toString()).isEqualTo(INVALID);
        assertThat(mismatch.err()).contains("error: " + mct + ":3: fusion mct@")
                .contains("(bundle io.mosaic.fusion) cannot be built: ");
        assertThat(mismatch.out()).doesNotContain("is valid");
    }

    @Test
    void validateAndDescribeShowWhichSlotsShareAComponentCountedOnce() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));
        Path shared = Files.writeString(work.resolve("shared.yaml"), """
                name: shared
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                shared:
                  proj: { use: pointwise-projection, dim: 6, bias: true }
                  spare: { use: pointwise-projection, dim: 2 }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]
                  audio: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        Cli.Result valid = Cli.run(options, "validate", shared.toString());
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("  shared proj (pointwise-projection): slots text, audio\n");
        assertThat(valid.err()).contains("warning: " + shared + ":6: shared.spare: no slot uses it, so it is not "
                + "built (a slot uses it with '{ shared: spare }')");

        Cli.Result described = Cli.run(options, "describe", shared.toString(), "--set", "shared.proj.dim=5");
        assertThat(described.exitCode()).as(described.toString()).isZero();
        // 8 -> 5 with a bias: 45 parameters, counted once for both slots.
        assertThat(described.out()).contains("shared:\n  proj:\n    use: pointwise-projection@=")
                .containsPattern("(?m)^shared:proj +pointwise-projection \\(slots text, audio\\) +45$")
                .doesNotContain("text[2]").doesNotContain("spare");
    }
}
