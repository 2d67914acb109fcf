package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every assembly the installation ships passes {@code mosaic validate} on the tiny testbed: its components resolve,
 * its parameters and taps are known, and the model's shapes build.
 */
class ShippedAssembliesIT {
    @TempDir
    Path work;

    @Test
    void everyShippedAssemblyValidatesOnTiny() {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Cli.Result listing = Cli.run(options, "assemblies");
        assertThat(listing.exitCode()).as(listing.toString()).isZero();
        List<String> names = listing.out().lines().skip(1).map(line -> line.split("\\s+")[0])
                .filter(name -> !name.isEmpty()).toList();
        assertThat(names).contains("baseline", "cider", "cider-ti", "sati", "sati-no-ti", "sati-no-gate",
                "sati-no-adversarial", "sati-maci", "self-mm", "coral-ulgm", "cider-coral", "s2lif", "s2lif-v-then-t",
                "s2lif-together", "s2lif-no-keyframe", "s2lif-no-mask", "s2lif-noise", "s2lif-ds", "mult", "mult-s2lif",
                "mult-mask", "cider-mask");

        for (String name : names) {
            // tiny has 3 domains, so the domain-generalisation assemblies' meld-like domains are reset
            Cli.Result result = Cli.run(options, "validate", name, "--set", "data.preset=tiny", "--set",
                    "data.train-domains=[]", "--set", "data.test-domains=[]");

            assertThat(result.exitCode()).as(name + ": " + result).isZero();
            assertThat(result.out()).as(name).contains("is valid");
        }
    }
}
