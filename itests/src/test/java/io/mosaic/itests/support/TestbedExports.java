package io.mosaic.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Path;

/** {@code mosaic data testbed} exports for the tests that train on npz files. */
public final class TestbedExports {

    private TestbedExports() {
    }

    /**
     * Writes one domain of the tiny testbed (seed 1111; 64 training, 16 validation and 24 test samples, all of that
     * domain) to {@code file}, failing the test if the export does.
     */
    public static void tinyDomain(RuntimeOptions options, int domain, Path file) {
        Cli.Result result = Cli.run(options, "data", "testbed", "--preset", "tiny", "--seed", "1111",
                "--train-domains", Integer.toString(domain), "--test-domains", Integer.toString(domain),
                "--sizes", "64,16,24", "--out", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
