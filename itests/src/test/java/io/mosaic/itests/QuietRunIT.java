package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.cli.MosaicCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic run -q} in a process of its own, as the {@code mosaic} script starts it: what native code writes to
 * the process's standard error (libtorch's warnings) is seen here, where a run inside the test's JVM hides it.
 */
class QuietRunIT {

    @TempDir
    Path work;

    /** {@code baseline}, and {@code baseline-maci}, whose MCM head writes its buffers from the training split. */
    @ParameterizedTest
    @ValueSource(strings = {"baseline", "baseline-maci"})
    void aQuietRunPrintsItsResultsAndNothingOnStandardError(String assembly) throws Exception {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        ProcessBuilder mosaic = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Installation.home().resolve("lib") + "/*", MosaicCli.class.getName(), "run", assembly,
                "--set", "data.preset=tiny", "--set", "train.epochs=1", "-q")
                .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        mosaic.environment().put("MOSAIC_HOME", Installation.home().toString());
        mosaic.environment().put("MOSAIC_PLUGINS", work.resolve("plugins").toString());
        mosaic.environment().put("MOSAIC_RUNS", work.resolve("runs").toString());

        Process process = mosaic.start();

        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the run ended").isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).startsWith("run folder  " + work.resolve("runs"));
        assertThat(Files.readString(err)).as("standard error of a quiet run").isEmpty();
    }
}
