package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.api.data.Modality;
import io.mosaic.itests.fixture.failing.ActivationFailureFactory;
import io.mosaic.itests.fixture.faulty.ExplodingFactory;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.model.ComponentFailureException;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that fails fails its own run, with an error that names the component, its bundle and version; the same
 * runtime then trains another assembly as if nothing had happened.
 */
class FaultyPluginIT {
    private static final String FAULTY = "io.mosaic.itests.faulty";
    private static final String FAILING = "io.mosaic.itests.failing";
    private static final List<String> TINY_ONE_EPOCH = List.of("data.preset=tiny", "train.epochs=1");
    /** The baseline with the encoder {@code %1$s} after the text projection, on line 6. */
    private static final String ASSEMBLY = """
            extends: baseline
            name: baseline-%1$s
            components:
              text:
                - { use: pointwise-projection, dim: 32 }
                - { use: %1$s }
                - { use: gru, hidden: 32 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    Path work;

    @Test
    void aFailingPluginFailsItsRunByNameAndTheRuntimeKeepsServing() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        PluginJar.deploy(PluginJar.of(FAULTY, "1.0.0", "io.mosaic.itests.fixture.faulty")
                .writeTo(work.resolve("faulty.jar")), options.plugins());
        PluginJar.deploy(PluginJar.of(FAILING, "1.0.0", "io.mosaic.itests.fixture.failing")
                .writeTo(work.resolve("failing.jar")), options.plugins());

        try (Host host = Host.boot(options)) {
            String encoder = "encoder '%s' (slot text[1], bundle " + FAULTY + " 1.0.0) ";
            failsItsRun(host, "exploding", encoder.formatted("exploding") + "failed in forward: "
                    + "java.lang.IllegalStateException: " + ExplodingFactory.FAILURE);
            failsItsRun(host, "nan", encoder.formatted("nan") + "produced NaN from finite inputs in forward "
                    + "(view clean); the loss is NaN at epoch 1, batch 1");
            ResolvedAssembly misshapen = resolve(host, "misshapen");
            long steps = misshapen.dataSpec().input(Modality.TEXT).steps();
            failsItsRun(host, "misshapen", encoder.formatted("misshapen") + "returned a wrong shape in forward: "
                    + "expected (32, " + steps + ", 32) for its declared output " + steps + "x32, found (32, "
                    + steps + ", 31)");

            assertThatThrownBy(() -> resolve(host, "activation-failure"))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessageContaining("baseline-activation-failure.yaml:6: components.text: encoder 'activation-failure' "
                            + "is installed but not active: component " + ActivationFailureFactory.class.getName()
                            + " of bundle " + FAILING + " 1.0.0: failed activation (")
                    .hasMessageContaining(ActivationFailureFactory.FAILURE);

            ResolvedAssembly baseline = host.assemblies().resolve("baseline", TINY_ONE_EPOCH);
            RunFolder run = host.runs().run(baseline, Optional.empty(), TrainingListener.SILENT);
            assertThat(RunFiles.status(run.path()).get("state").asText()).isEqualTo("completed");
            RunFiles.metrics(run.path()).get("test").fields().forEachRemaining(metric ->
                    assertThat(metric.getValue().asDouble()).as(metric.getKey()).isFinite());
        }

        Cli.Result cli = Cli.run(options, "run", work.resolve("baseline-exploding.yaml").toString(),
                "--set", "data.preset=tiny", "--set", "train.epochs=1");
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).as(cli.toString()).contains("error: encoder 'exploding' (slot text[1], bundle "
                + FAULTY + " 1.0.0) failed in forward").doesNotContain("\tat ");
        String throwingLine = "at " + ExplodingFactory.class.getName() + ".lambda$create$0(ExplodingFactory.java:";
        Path failed = RunFolder.latestUnfinished(options.runs(), "baseline-exploding").orElseThrow().path();
        assertThat(failed.resolve(RunFolder.FAILURE)).content().startsWith(ComponentFailureException.class.getName()
                + ": encoder 'exploding'").contains("Caused by: java.lang.IllegalStateException: "
                + ExplodingFactory.FAILURE).contains(throwingLine);

        Cli.Result traced = Cli.run(options, "run", work.resolve("baseline-exploding.yaml").toString(),
                "--set", "data.preset=tiny", "--set", "train.epochs=1", "--stacktrace");
        assertThat(traced.exitCode()).as(traced.toString()).isEqualTo(1);
        assertThat(traced.err()).contains("error: encoder 'exploding' (slot text[1], bundle " + FAULTY + " 1.0.0)")
                .contains(throwingLine);
    }

    /** Runs the baseline with {@code encoder} in the text chain, which must fail with {@code message}. */
    private void failsItsRun(Host host, String encoder, String message) throws Exception {
        ResolvedAssembly assembly = resolve(host, encoder);

        assertThatThrownBy(() -> host.runs().run(assembly, Optional.empty(), TrainingListener.SILENT))
                .isInstanceOf(ComponentFailureException.class)
                .hasMessage(message);

        Path folder = RunFolder.latestUnfinished(host.runtime().options().runs(), assembly.name()).orElseThrow()
                .path();
        JsonNode status = RunFiles.status(folder);
        assertThat(status.get("state").asText()).isEqualTo("failed");
        assertThat(status.get("error").asText()).isEqualTo(message);
    }

    /** The baseline with {@code encoder} after the text projection, written to a file, on tiny for one epoch. */
    private ResolvedAssembly resolve(Host host, String encoder) throws Exception {
        Path file = work.resolve("baseline-" + encoder + ".yaml");
        Files.writeString(file, ASSEMBLY.formatted(encoder));
        return host.assemblies().resolve(file.toString(), TINY_ONE_EPOCH);
    }
}
