package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.ExamplePlugin;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.registry.ComponentRegistry;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party example ({@code examples/third-party-plugin}), built from its sources, dropped into a running
 * runtime: its component registers under its own bundle and version, and the assembly it ships trains.
 */
class ThirdPartyPluginIT {
    private static final String BUNDLE = "org.example.mosaic.tfn";

    @TempDir
    Path work;

    @Test
    void theExamplesAssemblyTrainsWithItsTensorFusion(TestReporter reporter) throws Exception {
        Path jar = ExamplePlugin.build(work);
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));

        try (Host host = Host.boot(options)) {
            ComponentRegistry registry = host.runtime().registry();
            PluginJar.deploy(jar, options.plugins());
            Duration registered = Poll.until("tensor-fusion registered", () -> tensorFusion(registry).isPresent(),
                    Duration.ofSeconds(10));
            reporter.publishEntry("third-party-deploy-ms", Long.toString(registered.toMillis()));
            assertThat(tensorFusion(registry).orElseThrow().bundle()).isEqualTo(BUNDLE);

            ResolvedAssembly assembly = host.assemblies().resolve("baseline-tfn",
                    List.of("data.preset=tiny", "train.epochs=2", "train.patience=0"));
            RunFolder run = host.runs().run(assembly, Optional.empty(), TrainingListener.SILENT);

            assertThat(RunFiles.status(run.path()).get("state").asText()).isEqualTo("completed");
            JsonNode metrics = RunFiles.metrics(run.path());
            metrics.get("test").fields().forEachRemaining(m -> assertThat(m.getValue().asDouble()).as(m.getKey())
                    .isFinite());
            // tiny's baseline pools text to 32 and audio and vision to 16: (33 · 17 · 17) inputs to 32 units.
            assertThat(metrics.get("parameters").get("fusion").asLong()).isEqualTo(33L * 17 * 17 * 32 + 32);
            @SuppressWarnings("unchecked")
            Map<String, Object> fusion = (Map<String, Object>) ((Map<String, Object>) RunFiles
                    .resolvedAssembly(run.path()).get("components")).get("fusion");
            assertThat(fusion).containsEntry("use", "tensor-fusion@=1.0.0").containsEntry("bundle", BUNDLE);
        }
    }

    private static Optional<RegisteredComponent> tensorFusion(ComponentRegistry registry) {
        return registry.all().stream().filter(c -> c.name().equals("tensor-fusion")).findFirst();
    }
}
