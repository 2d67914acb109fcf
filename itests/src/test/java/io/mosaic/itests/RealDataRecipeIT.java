package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's real-data recipe as files: every assembly of {@code examples/real-data} resolves and builds on MMSA
 * pickles of the right layout (testbed exports stand in for MOSI, MOSEI and MELD, the encoders' tiny BERT-like module
 * for an exported BERT), frozen and fine-tuned, and a fine-tuned one trains.
 */
class RealDataRecipeIT {
    private static final Path EXAMPLES = Path.of("..", "examples", "real-data");

    @TempDir
    Path work;

    private RuntimeOptions options;
    private final List<String> dataSettings = new ArrayList<>();

    @BeforeEach
    void recipeFolder() throws IOException {
        options = Installation.options(work, Duration.ofSeconds(10));
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, work.resolve(file.getFileName()));
            }
        }
        Files.createDirectories(work.resolve("bert"));
        try (InputStream in = getClass().getResourceAsStream("/io/mosaic/encoders/torchscript/tiny-bert.pt")) {
            Files.copy(in, work.resolve("bert/encoder.pt"));
        }
        export("unaligned_50.pkl", "tiny");
        export("aligned_50.pkl", "tiny-aligned");
    }

    private void export(String name, String preset) {
        Cli.Result result = Cli.run(options, "data", "testbed", "--out", work.resolve(name).toString(), "--preset",
                preset, "--seed", "3", "--threads", "1");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    /** The --set lines that point {@code assembly} at the exports (data files are read from the working directory). */
    private String[] data(String assembly) {
        if (assembly.startsWith("s2lif")) {
            String file = work.resolve("unaligned_50.pkl").toString();
            return new String[] {"--set", "data.files=[" + file + ", " + file + ", " + file + "]"};
        }
        String file = work.resolve(assembly.startsWith("sati") ? "aligned_50.pkl" : "unaligned_50.pkl").toString();
        return new String[] {"--set", "data.file=" + file};
    }

    private Cli.Result cli(String command, String assembly, String... more) {
        List<String> arguments = new ArrayList<>(List.of(command, work.resolve(assembly + ".yaml").toString()));
        arguments.addAll(List.of(data(assembly)));
        arguments.addAll(List.of(more));
        return Cli.run(options, arguments.toArray(String[]::new));
    }

    @Test
    void everyRecipeAssemblyIsValidWithTheFilesFeaturesAFrozenAndAFineTunedEncoder() {
        for (String pipeline : List.of("cider-mosi", "sati-mosi", "self-mm-mosi", "s2lif-mosei")) {
            Cli.Result features = cli("validate", pipeline);
            Cli.Result frozen = cli("validate", pipeline + "-bert");
            Cli.Result fineTuned = cli("validate", pipeline + "-bert", "--set", "components.text.0.trainable=true");

            for (Cli.Result result : List.of(features, frozen, fineTuned)) {
                assertThat(result.exitCode()).as(pipeline + ": " + result).isZero();
                assertThat(result.out()).as(pipeline).contains("is valid");
            }
        }
    }

    @Test
    void selfMmFineTunesTheExportedEncoderInItsOwnGroups() throws IOException {
        Cli.Result result = cli("run", "self-mm-mosi-bert", "--set", "components.text.0.trainable=true",
                "--set", "train.epochs=2", "--set", "train.patience=0", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        JsonNode metrics = RunFiles.metrics(run);
        assertThat(metrics.get("parameters").get("text[0]").asLong()).as("the tiny module's parameters train")
                .isEqualTo(5968);
        assertThat(RunFiles.epochs(run).numbers("train_loss")).hasSize(2)
                .allSatisfy(loss -> assertThat(loss).isFinite());
        metrics.get("test").fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble())
                .as(metric.getKey()).isFinite());
    }
}
