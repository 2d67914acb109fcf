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

/** Engine options that cannot be used are usage errors (exit 2), refused before any runtime or Spark starts. */
class EngineOptionTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "run baseline --engine spark                         | --engine spark trains many runs: give --seeds N "
                    + "(2 or more) or --vary",
            "run baseline --seeds 2 --master local[2]            | --master and --node-home go with --engine spark",
            "compare baseline cider --node-home /opt/mosaic      | --master and --node-home go with --engine spark",
            "compare baseline cider --engine spark --master x:// | --master x://: expected local, local[N], local[*], "
                    + "local[N,F] or a cluster's URL such as spark://host:7077",
            "run baseline --seeds 2 --engine spark --master local[0] | --master local[0]: a local master runs at "
                    + "least one run at once, found 0",
            "run baseline --seeds 2 --engine hadoop              | Invalid value for option '--engine': expected one "
                    + "of [LOCAL, SPARK] (case-insensitive) but was 'hadoop'"})
    void isRefusedAsAUsageError(String commandLine, String message) {
        StringWriter err = new StringWriter();
        RuntimeOptions options = new RuntimeOptions(home, home.resolve("plugins"), home.resolve("runs"),
                Duration.ZERO);

        int code = MosaicCli.execute(options, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                commandLine.trim().split(" +"));

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith(message + "\n");
    }
}
