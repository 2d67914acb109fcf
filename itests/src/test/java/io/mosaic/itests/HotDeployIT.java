package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.registry.ComponentRegistry;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * A plugin bundle built by the test is copied into the plugins folder of a running runtime: its component joins
 * the registry, an assembly file that uses it validates and trains, and once the jar is deleted the component is
 * gone and the assembly no longer resolves.
 */
class HotDeployIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String BUNDLE = "io.mosaic.itests.layernorm";
    private static final List<String> TINY_ONE_EPOCH = List.of("data.preset=tiny", "train.epochs=1");
    /** The baseline with layer normalisation after the text projection; {@code layer-norm} is on line 6. */
    private static final String ASSEMBLY = """
            extends: baseline
            name: baseline-layer-norm
            components:
              text:
                - { use: pointwise-projection, dim: 32 }
                - { use: layer-norm }
                - { use: gru, hidden: 32 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    Path work;

    @Test
    void aPluginCopiedIntoARunningRuntimeIsUsableUntilItsJarIsDeleted(TestReporter reporter) throws Exception {
        Path jar = PluginJar.of(BUNDLE, "1.0.0", "io.mosaic.itests.fixture.layernorm")
                .writeTo(work.resolve("layer-norm.jar"));
        Path assemblyFile = Files.writeString(work.resolve("baseline-layer-norm.yaml"), ASSEMBLY);
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));

        try (Host host = Host.boot(options)) {
            ComponentRegistry registry = host.runtime().registry();
            assertThat(layerNorm(registry)).isEmpty();

            Path deployed = PluginJar.deploy(jar, options.plugins());
            Duration registered = Poll.until("layer-norm registered", () -> layerNorm(registry).isPresent(),
                    DEADLINE);
            System.out.printf("hot deploy: layer-norm registered %d ms after its jar was copied in%n",
                    registered.toMillis());
            reporter.publishEntry("hot-deploy-ms", Long.toString(registered.toMillis()));

            RegisteredComponent component = layerNorm(registry).orElseThrow();
            assertThat(component.bundle()).isEqualTo(BUNDLE);
            assertThat(component.bundleVersion()).isEqualTo(new Version(1, 0, 0));
            assertThat(component.factory().parameters().find("eps")).hasValueSatisfying(
                    eps -> assertThat(eps.defaultValue()).isEqualTo(1e-5));

            Cli.Result validated = Cli.run(options, "validate", assemblyFile.toString(), "--set", "data.preset=tiny");
            assertThat(validated.exitCode()).as(validated.toString()).isZero();
            assertThat(validated.out()).contains(assemblyFile + " is valid");

            ResolvedAssembly assembly = host.assemblies().resolve(assemblyFile.toString(), TINY_ONE_EPOCH);
            assertThat(assembly.slots().get("text")).extracting(c -> c.component().name())
                    .containsExactly("pointwise-projection", "layer-norm", "gru", "masked-mean-pool");
            RunFolder run = host.runs().run(assembly, Optional.empty(), TrainingListener.SILENT);
            assertTrainedOneEpochWithLayerNorm(run.path());

            Files.delete(deployed);
            Poll.until("layer-norm unregistered", () -> layerNorm(registry).isEmpty(), DEADLINE);
            assertThat(registry.all()).extracting(RegisteredComponent::name).contains("gru", "pointwise-projection");
            assertThatThrownBy(() -> host.assemblies().resolve(assemblyFile.toString(), TINY_ONE_EPOCH))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessageContaining(assemblyFile + ":6:")
                    .hasMessageContaining("unknown encoder 'layer-norm'");
        }
    }

    private static void assertTrainedOneEpochWithLayerNorm(Path run) {
        assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
        assertThat(RunFiles.epochs(run).numbers("train_loss")).singleElement()
                .satisfies(loss -> assertThat(loss).isFinite().isPositive());
        JsonNode metrics = RunFiles.metrics(run);
        assertThat(metrics.get("epochs").asInt()).isEqualTo(1);
        // One scale and one shift per feature of the 32 projected text features.
        assertThat(metrics.get("parameters").get("text[1]").asLong()).isEqualTo(2 * 32);
        metrics.get("test").fields().forEachRemaining(m -> assertThat(m.getValue().asDouble()).as(m.getKey())
                .isFinite());
        @SuppressWarnings("unchecked")
        Map<String, Object> layerNorm = ((List<Map<String, Object>>) ((Map<String, Object>) RunFiles
                .resolvedAssembly(run).get("components")).get("text")).get(1);
        assertThat(layerNorm).containsEntry("use", "layer-norm@=1.0.0").containsEntry("bundle", BUNDLE)
                .containsEntry("eps", 1e-5);
    }

    private static Optional<RegisteredComponent> layerNorm(ComponentRegistry registry) {
        return registry.ofKind(ComponentKind.ENCODER).stream().filter(c -> c.name().equals("layer-norm"))
                .findFirst();
    }
}
