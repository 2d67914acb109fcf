package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline with a frozen SavedModel first in its vision chain, run twice on tiny in the real runtime: the first
 * run builds the encoder's cache (one file per split under {@code <home>/cache/encoders}), the second reuses it
 * without running the model and gives the same metrics.
 */
class EncoderCacheRunIT {
    @TempDir
    Path work;

    @Test
    void aSecondRunReusesTheCacheAndGivesTheSameMetrics() throws Exception {
        Path assembly = SavedModelRunIT.writeAssembly(work);
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        String[] run = {"run", assembly.toString(), "--set", "data.preset=tiny", "--set", "train.epochs=3", "--set",
                "train.patience=0"};

        // The installation (and its cache) is shared by the integration tests: count this test's files only.
        List<Path> before = files(options.encoderCache());
        Cli.Result first = Cli.run(options, run);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err().lines().filter(l -> l.startsWith("encoder cache: built vision[0]"))).hasSize(3);
        List<Path> files = files(options.encoderCache());
        assertThat(files.stream().filter(f -> !before.contains(f))).hasSize(3).allSatisfy(file -> assertThat(file.getFileName().toString()).endsWith(".enc"));
        Path firstRun = RunFiles.onlyRun(options.runs());

        Cli.Result second = Cli.run(options, run);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).doesNotContain("encoder cache: built");
        assertThat(second.err().lines().filter(l -> l.startsWith("encoder cache: reusing vision[0]"))).hasSize(3);
        assertThat(files(options.encoderCache())).isEqualTo(files);

        List<Path> runs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(options.runs())) {
            folders.filter(Files::isDirectory).filter(f -> !f.equals(firstRun)).forEach(runs::add);
        }
        assertThat(runs).hasSize(1);
        assertThat(RunFiles.metrics(runs.get(0)).get("test")).isEqualTo(RunFiles.metrics(firstRun).get("test"));
        assertThat(RunFiles.metrics(runs.get(0)).get("valid")).isEqualTo(RunFiles.metrics(firstRun).get("valid"));
        System.out.println("encoder cache epoch seconds, first run (builds): "
                + RunFiles.epochs(firstRun).numbers("seconds") + "; second run (reuses): "
                + RunFiles.epochs(runs.get(0)).numbers("seconds"));
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
