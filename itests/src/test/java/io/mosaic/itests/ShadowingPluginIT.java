package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that offers a component under a built-in's name cannot take it over: a bare {@code use: gru} is refused
 * as ambiguous, naming both bundles, and an assembly that pins the built-in's bundle runs the built-in.
 */
class ShadowingPluginIT {
    private static final int INVALID = 3;
    private static final String SHADOW = "io.mosaic.itests.shadow";

    @TempDir
    Path work;

    @Test
    void aBareNameThatTwoBundlesOfferIsRefusedUntilTheAssemblyPinsABundle() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(20));
        PluginJar.deploy(PluginJar.of(SHADOW, "99.0.0", "io.mosaic.itests.fixture.shadow")
                .writeTo(work.resolve("shadow.jar")), options.plugins());
        String builtIn = "bundle io.mosaic.encoders " + Installation.bundleVersion("io.mosaic.encoders");

        Cli.Result refused = Cli.run(options, "run", "baseline", "--set", "data.preset=tiny");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(INVALID);
        assertThat(refused.err()).contains("baseline.yaml:11: components.text: encoder 'gru' is ambiguous: bundle " + SHADOW
                + " 99.0.0 and " + builtIn + " each offer it; pin one with 'bundle: <symbolic name>'");
        assertThat(options.runs()).satisfiesAnyOf(runs -> assertThat(runs).doesNotExist(),
                runs -> assertThat(runs).isEmptyDirectory());

        Path pinned = Files.writeString(work.resolve("pinned.yaml"), """
                extends: baseline
                components:
                  text:
                    - { use: pointwise-projection, dim: 32 }
                    - { use: gru, bundle: io.mosaic.encoders, hidden: 32 }
                    - masked-mean-pool
                  audio:
                    - { use: pointwise-projection, dim: 16 }
                    - { use: gru, bundle: io.mosaic.encoders, hidden: 16 }
                    - masked-mean-pool
                  vision:
                    - { use: pointwise-projection, dim: 16 }
                    - { use: gru, bundle: io.mosaic.encoders, hidden: 16 }
                    - masked-mean-pool
                """);
        Cli.Result ran = Cli.run(options, "run", pinned.toString(), "--set", "data.preset=tiny", "--set",
                "train.epochs=1");

        assertThat(ran.exitCode()).as(ran.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
        assertThat(Files.readString(run.resolve("assembly.resolved.yaml"))).contains("bundle: io.mosaic.encoders")
                .doesNotContain(SHADOW);
    }
}
