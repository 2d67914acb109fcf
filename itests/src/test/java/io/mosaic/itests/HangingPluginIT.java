package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.fixture.hanging.HangingFactory;
import io.mosaic.itests.fixture.hangingimmediate.HangingImmediateFactory;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.osgi.ActivationTimeout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose activation never returns cannot hang the command line: {@code components}, {@code doctor} and
 * {@code validate} wait for it only as long as the activation timeout (1 s here), then go on and name its component
 * and bundle.
 */
class HangingPluginIT {
    private static final String BUNDLE = "io.mosaic.itests.hanging";
    private static final String STALLED = "component " + HangingFactory.class.getName() + " of bundle " + BUNDLE
            + " 1.0.0: did not activate within 1 s";
    /** How long a command may take: the timeout and a booted runtime's own time, with room for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(40);

    @TempDir
    Path work;

    @BeforeAll
    static void shortenTheActivationTimeout() {
        System.setProperty(ActivationTimeout.PROPERTY, "1");
    }

    @AfterAll
    static void restoreTheActivationTimeout() {
        System.clearProperty(ActivationTimeout.PROPERTY);
    }

    @Test
    void componentsDoctorAndValidateFinishAndNameTheComponentThatDoesNotActivate() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(20));
        PluginJar.deploy(PluginJar.of(BUNDLE, "1.0.0", "io.mosaic.itests.fixture.hanging")
                .writeTo(work.resolve("hanging.jar")), options.plugins());

        Cli.Result components = timed(options, "components");
        assertThat(components.exitCode()).as(components.toString()).isZero();
        assertThat(components.out()).contains("pointwise-projection").contains("not listed: " + STALLED);

        Cli.Result doctor = timed(options, "doctor");
        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(4);
        assertThat(doctor.out()).contains(STALLED);

        Path assembly = Files.writeString(work.resolve("hanging.yaml"), """
                extends: baseline
                components:
                  text: [ { use: pointwise-projection, dim: 32 }, hanging, masked-mean-pool ]
                """);
        Cli.Result validate = timed(options, "validate", assembly.toString(), "--set", "data.preset=tiny");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(3);
        assertThat(validate.err()).contains("hanging.yaml:3: components.text: encoder 'hanging' is installed "
                + "but not active: " + STALLED);
    }

    @Test
    void aBundleWhoseImmediateComponentDoesNotActivateDoesNotHangTheBootAndTheBuiltInsWork() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(20));
        String bundle = BUNDLE + ".immediate";
        PluginJar.deploy(PluginJar.of(bundle, "1.0.0", "io.mosaic.itests.fixture.hangingimmediate")
                .writeTo(work.resolve("hanging-immediate.jar")), options.plugins());

        Cli.Result doctor = timed(options, "doctor");
        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(4);
        assertThat(doctor.out()).contains("component " + HangingImmediateFactory.class.getName() + " of bundle "
                + bundle + " 1.0.0: did not activate within 1 s");
        Cli.Result validate = timed(options, "validate", "baseline", "--set", "data.preset=tiny");
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
    }

    private static Cli.Result timed(RuntimeOptions options, String... args) {
        long start = System.nanoTime();
        Cli.Result result = Cli.run(options, args);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(String.join(" ", args)).isLessThan(BOUND);
        return result;
    }
}
