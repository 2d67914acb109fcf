package io.mosaic.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.host.RuntimeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/** Every command and subcommand answers {@code --help}, found from the annotations so that new ones are covered. */
class HelpTest {

    @TempDir
    Path home;

    private String out;

    private int mosaic(String... args) {
        StringWriter outText = new StringWriter();
        RuntimeOptions options = new RuntimeOptions(home, home.resolve("plugins"), home.resolve("runs"),
                Duration.ZERO);
        int code = MosaicCli.execute(options, new PrintWriter(outText, true), new PrintWriter(new StringWriter(), true),
                args);
        out = outText.toString();
        return code;
    }

    /** Every command path below {@code mosaic}: {@code run}, ..., {@code data inspect}, {@code data testbed}. */
    static Stream<String> commands() {
        List<String> paths = new ArrayList<>();
        collect(MosaicCli.class, "", paths);
        return paths.stream();
    }

    private static void collect(Class<?> command, String prefix, List<String> into) {
        for (Class<?> sub : command.getAnnotation(Command.class).subcommands()) {
            String path = prefix + sub.getAnnotation(Command.class).name();
            into.add(path);
            collect(sub, path + " ", into);
        }
    }

    @Test
    void everyCommandIsFound() {
        assertThat(commands()).contains("run", "compare", "validate", "describe", "components", "assemblies",
                "doctor", "bench", "serve", "data", "data testbed", "data inspect");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsTheUsageAndExitsZero(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        int code = mosaic(args.toArray(String[]::new));

        assertThat(code).as(out).isZero();
        assertThat(out).startsWith("Usage: mosaic " + command + " ").contains("-h, --help");
    }

    @Test
    void helpShowsTheDefaults() {
        assertThat(mosaic("compare", "--help")).isZero();
        assertThat(out).contains("--seeds=N", "(default 3)");
        assertThat(mosaic("bench", "--help")).isZero();
        assertThat(out).contains("Timed training steps (default 5)", "Untimed steps first (default 1)");
        assertThat(mosaic("run", "--help")).isZero();
        assertThat(out).contains("(default 1)");
    }
}
