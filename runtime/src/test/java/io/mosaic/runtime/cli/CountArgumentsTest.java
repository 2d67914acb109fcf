package io.mosaic.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.host.RuntimeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts that cannot be met are usage errors (exit 2), refused before any assembly is read or runtime started. */
class CountArgumentsTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "run baseline --seeds 0           | --seeds must be at least 1, found 0",
            "run baseline --seeds -2          | --seeds must be at least 1, found -2",
            "compare baseline cider --seeds 0 | --seeds must be at least 1, found 0",
            "bench baseline --steps -1        | --steps must be at least 1, found -1",
            "bench baseline --steps 0         | --steps must be at least 1, found 0",
            "bench baseline --warmup -1       | --warmup must be at least 0, found -1",
            "bench baseline --eval-reps 0     | --eval-reps must be at least 1, found 0"})
    void isRefusedAsAUsageError(String commandLine, String message) {
        StringWriter err = new StringWriter();
        RuntimeOptions options = new RuntimeOptions(home, home.resolve("plugins"), home.resolve("runs"),
                Duration.ZERO);

        int code = MosaicCli.execute(options, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                commandLine.split(" "));

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith(message + "\n").contains("Usage: mosaic " + commandLine.split(" ")[0]);
    }
}
