package io.mosaic.itests;

import static io.mosaic.itests.support.GainPlugin.BUNDLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.GainPlugin;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * Two versions of one plugin bundle installed side by side: an assembly selects one by a version range, a bare name
 * takes the newest, each run records the exact version that ran, and {@code mosaic components} lists both.
 */
class ComponentVersionsIT {
    private static final Version V1 = new Version(1, 0, 0);
    private static final Version V2 = new Version(2, 0, 0);
    private static final List<String> OVERRIDES = List.of("data.preset=tiny", "train.epochs=1", "train.patience=0");

    @TempDir
    Path work;

    @Test
    void anAssemblySelectsAVersionByRangeAndItsRunRecordsTheVersionThatRan() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(20));
        Files.createDirectories(options.plugins());
        Files.copy(GainPlugin.jar(work, V1), options.plugins().resolve("gain-1.0.0.jar"));
        Files.copy(GainPlugin.jar(work, V2), options.plugins().resolve("gain-2.0.0.jar"));

        try (Host host = Host.boot(options)) {
            assertThat(GainPlugin.versions(host.runtime().registry())).containsExactly(V2, V1);

            Path first = run(host, "gain@[1.0,2.0)", V1);
            Path second = run(host, "gain@[2.0,3.0)", V2);
            Path newest = run(host, "gain", V2);

            assertThat(RunFiles.epochs(first).numbers("train_loss"))
                    .isNotEqualTo(RunFiles.epochs(second).numbers("train_loss"));
            assertThat(RunFiles.epochs(newest).withoutTiming()).as("the bare name ran 2.0.0")
                    .isEqualTo(RunFiles.epochs(second).withoutTiming());
        }

        Cli.Result components = Cli.run(options, "components", "--kind", "ENCODER");
        assertThat(components.exitCode()).as(components.toString()).isZero();
        assertThat(components.out())
                .containsPattern("encoder\\s+gain\\s+2\\.0\\.0\\s+" + BUNDLE.replace(".", "\\.") + "\\s")
                .containsPattern("encoder\\s+gain\\s+1\\.0\\.0\\s+" + BUNDLE.replace(".", "\\.") + "\\s");
    }

    /**
     * Trains, for one epoch, the baseline with {@code use: <gain>} after its text projection, and checks that the
     * run resolved and recorded {@code expected}.
     */
    private Path run(Host host, String gain, Version expected) throws Exception {
        Path file = Files.writeString(Files.createTempFile(work, "baseline-gain-", ".yaml"), """
                extends: baseline
                name: baseline-gain
                components:
                  text:
                    - { use: pointwise-projection, dim: 32 }
                    - use: %s
                    - { use: gru, hidden: 32 }
                    - { use: masked-mean-pool }
                """.formatted(gain));
        ResolvedAssembly assembly = host.assemblies().resolve(file.toString(), OVERRIDES);
        assertThat(assembly.slots().get("text").get(1).component().bundleVersion()).as(gain).isEqualTo(expected);
        Path run = host.runs().run(assembly, Optional.empty(), TrainingListener.SILENT).path();
        assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
        assertThat(GainPlugin.recordedIn(run)).as(gain)
                .containsEntry("use", "gain@=" + expected).containsEntry("bundle", BUNDLE);
        return run;
    }
}
