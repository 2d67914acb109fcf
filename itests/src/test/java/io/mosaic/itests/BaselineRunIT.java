package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.Installation.DeclaredComponent;
import io.mosaic.itests.support.Installation.ShippedAssembly;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.protocols.BuiltInProtocols;
import io.mosaic.runtime.registry.HostComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on the real runtime: the shipped baseline trained, described, listed and validated. */
class BaselineRunIT {
    private static final Pattern PINNED = Pattern.compile("(.+)@=(.+)");

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void runTrainsTheBaselineAndWritesEveryRunFile() {
        Cli.Result result = Cli.run(options, "run", "baseline", "--set", "data.preset=tiny", "--set",
                "train.epochs=4", "--set", "train.patience=0", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        assertThat(result.out()).contains("run folder  " + run);

        JsonNode status = RunFiles.status(run);
        assertThat(status.get("state").asText()).isEqualTo("completed");
        assertThat(status.get("assembly").asText()).isEqualTo("baseline");
        assertThat(status.get("error").isNull()).isTrue();

        EpochTable epochs = RunFiles.epochs(run);
        assertThat(epochs.numbers("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0);
        List<Double> trainLoss = epochs.numbers("train_loss");
        assertThat(trainLoss).allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
        assertThat(trainLoss.get(3)).as("train loss of epoch 4 vs epoch 1").isLessThan(trainLoss.get(0));

        JsonNode metrics = RunFiles.metrics(run);
        assertThat(metrics.get("epochs").asInt()).isEqualTo(4);
        assertThat(metrics.get("bestEpoch").asInt()).isBetween(1, 4);
        assertThat(epochs.numbers("valid_mae").get(metrics.get("bestEpoch").asInt() - 1))
                .as("the selected epoch has the lowest valid mae")
                .isEqualTo(epochs.numbers("valid_mae").stream().min(Double::compare).orElseThrow());
        JsonNode test = metrics.get("test");
        assertThat(test.size()).isPositive();
        test.fields().forEachRemaining(metric -> assertThat(metric.getValue().asDouble()).as(metric.getKey())
                .isFinite());
        assertThat(test.get("mae").asDouble()).isPositive();
        assertThat(test.get("corr").asDouble()).isBetween(-1.0, 1.0);
        assertThat(test.get("acc2_has0").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.get("parameters").get("total").asLong()).isEqualTo(sumOfParts(metrics.get("parameters")));

        Map<String, Object> resolved = RunFiles.resolvedAssembly(run);
        assertThat(resolved.get("seed")).isEqualTo(status.get("seed").asInt());
        List<Map<String, Object>> entries = componentEntries(resolved);
        assertThat(entries).hasSize(1 + 3 * 3 + 2 + 1);
        List<DeclaredComponent> declared = Installation.declaredComponents();
        for (Map<String, Object> entry : entries) {
            Matcher pinned = PINNED.matcher((String) entry.get("use"));
            assertThat(pinned.matches()).as("%s is pinned to one version", entry.get("use")).isTrue();
            assertThat(declared).as("the bundle of %s", entry.get("use")).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo(pinned.group(1));
                assertThat(c.bundle()).isEqualTo(entry.get("bundle"));
                assertThat(c.version()).isEqualTo(pinned.group(2));
            });
        }
        String encoders = Installation.bundleVersion("io.mosaic.encoders");
        @SuppressWarnings("unchecked")
        Map<String, Object> gru = ((List<Map<String, Object>>) components(resolved).get("text")).get(1);
        assertThat(gru).containsEntry("use", "gru@=" + encoders)
                .containsEntry("bundle", "io.mosaic.encoders").containsEntry("hidden", 32);
    }

    @Test
    void describeCountsEveryPartAndTheirSum() {
        Cli.Result result = Cli.run(options, "describe", "baseline", "--set", "data.preset=tiny");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("name: baseline", "use: baseline@=" + Installation.bundleVersion(
                "io.mosaic.models"), "  train-domains: []\n  test-domains: []\n", "    frozen: []\n")
                .doesNotContain("&id", "*id", "@[");
        assertThat(tableRows(result.out(), "PART")).extracting(row -> row.get(0) + " " + row.get(1))
                .startsWith("pipeline baseline", "text[0] pointwise-projection", "text[1] gru",
                        "text[2] masked-mean-pool")
                .contains("fusion concat", "head mlp");
        Map<String, Long> parts = partCounts(result.out());
        long total = parts.remove("total");
        assertThat(parts).containsKeys("pipeline", "text[0]", "text[1]", "text[2]", "audio[1]", "vision[1]",
                "fusion", "head");
        assertThat(total).isEqualTo(parts.values().stream().mapToLong(Long::longValue).sum());
        // A GRU layer has 3 gates, each with input and recurrent weights and two biases: 3 (h·in + h·h + 2h).
        assertThat(parts.get("text[1]")).isEqualTo(gruParameters(32, 32));
        assertThat(parts.get("audio[1]")).isEqualTo(gruParameters(16, 16));
        assertThat(parts.get("vision[1]")).isEqualTo(gruParameters(16, 16));
        // The head's MLP: the fused 32 + 16 + 16 = 64 features to 64 hidden units, then to 1 score, with biases.
        assertThat(parts.get("head")).isEqualTo(64 * 64 + 64 + 64 + 1);
        assertThat(parts.get("text[2]")).as("masked mean pooling learns nothing").isZero();
        assertThat(parts.get("fusion")).as("concatenation learns nothing").isZero();
        // Without train.optimizer.groups, one group trains everything with the optimizer's lr and weight decay.
        assertThat(tableRows(result.out(), "OPTIMIZER GROUP"))
                .containsExactly(List.of("default", "0.001", "0.0", String.format("%,d", total)));
    }

    @Test
    void describeListsTheOptimizerGroupsWithTheirSettingsAndSizes() {
        Cli.Result result = Cli.run(options, "describe", "baseline", "--set", "data.preset=tiny", "--set",
                "train.optimizer.groups=[{slots: [text], lr: 5.0e-5, no-decay: [bias]}, {slots: [audio, vision], "
                        + "lr: 0.0}]");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, Long> parts = partCounts(result.out());
        List<List<String>> groups = tableRows(result.out(), "OPTIMIZER GROUP");
        assertThat(groups).extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(2)).containsExactly(
                "text 5.0E-5 0.0", "text (no decay) 5.0E-5 0.0", "audio, vision 0.0 0.0", "default 0.001 0.0");
        Map<String, Long> sizes = new LinkedHashMap<>();
        groups.forEach(row -> sizes.put(row.get(0), Long.parseLong(row.get(3).replaceAll("[^0-9]", ""))));
        long text = parts.get("text[0]") + parts.get("text[1]") + parts.get("text[2]");
        // The text GRU's biases (b_ih and b_hh, 3 · 32 each); the projection has none.
        assertThat(sizes.get("text (no decay)")).isEqualTo(2 * 3 * 32);
        assertThat(sizes.get("text") + sizes.get("text (no decay)")).isEqualTo(text);
        assertThat(sizes.get("audio, vision")).isEqualTo(parts.get("audio[0]") + parts.get("audio[1]")
                + parts.get("vision[0]") + parts.get("vision[1]") + parts.get("audio[2]") + parts.get("vision[2]"));
        assertThat(sizes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(parts.get("total"));
    }

    @Test
    void componentsListsEveryBuiltInComponentWithItsKindVersionAndBundle() {
        Cli.Result result = Cli.run(options, "components");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<DeclaredComponent> listed = new ArrayList<>();
        for (List<String> row : tableRows(result.out(), "KIND")) {
            listed.add(new DeclaredComponent(row.get(0).toUpperCase(Locale.ROOT), row.get(1), row.get(3),
                    row.get(2)));
        }
        List<DeclaredComponent> declared = new ArrayList<>(Installation.declaredComponents());
        assertThat(declared).extracting(DeclaredComponent::name)
                .contains("baseline", "pointwise-projection", "gru", "masked-mean-pool", "concat", "mlp", "l1");
        // The runtime's own protocols, at the runtime jar's version.
        String runtimeVersion = Installation.runtimeVersion();
        BuiltInProtocols.factories().keySet().forEach(name -> declared.add(new DeclaredComponent("PROTOCOL", name,
                HostComponents.PROVIDER, runtimeVersion)));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void assembliesListsTheShippedBaseline() {
        Cli.Result result = Cli.run(options, "assemblies");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<ShippedAssembly> listed = tableRows(result.out(), "NAME").stream()
                .map(row -> new ShippedAssembly(row.get(0), row.get(1), row.get(2))).toList();
        assertThat(listed).contains(new ShippedAssembly("baseline", "io.mosaic.models",
                Installation.bundleVersion("io.mosaic.models")));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Installation.shippedAssemblies());
    }

    @Test
    void validateSaysWhatItChecked() {
        Cli.Result result = Cli.run(options, "validate", "baseline", "--set", "data.preset=tiny");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("baseline.yaml is valid: syntax, components, parameters, taps, data and the "
                + "model's shapes").contains("  pipeline baseline@" + Installation.bundleVersion("io.mosaic.models")
                + ", 5 slots, 1 objective, data testbed tiny");
    }

    @Test
    void validateNamesTheFileAndLineOfAProblem() throws Exception {
        Path file = Files.writeString(work.resolve("misspelt.yaml"), """
                extends: baseline
                name: misspelt
                components:
                  text:
                    - { use: pointwise-projection, dim: 32 }
                    - { use: gur, hidden: 32 }
                    - { use: masked-mean-pool }
                """);

        Cli.Result result = Cli.run(options, "validate", file.toString(), "--set", "data.preset=tiny");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains(file + ":6:").contains("unknown encoder 'gur'")
                .contains("did you mean gru?");
    }

    private static long gruParameters(int input, int hidden) {
        return 3L * (hidden * input + hidden * hidden + 2L * hidden);
    }

    private static long sumOfParts(JsonNode parameters) {
        long sum = 0;
        for (var fields = parameters.fields(); fields.hasNext(); ) {
            var part = fields.next();
            if (!part.getKey().equals("total")) {
                sum += part.getValue().asLong();
            }
        }
        return sum;
    }

    /** The rows of the PART / COMPONENT / PARAMETERS table that {@code describe} prints after the resolved assembly. */
    private static Map<String, Long> partCounts(String out) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (List<String> row : tableRows(out, "PART")) {
            parts.put(row.get(0), Long.parseLong(row.get(row.size() - 1).replaceAll("[^0-9]", "")));
        }
        return parts;
    }

    /** The rows after the header line that starts with {@code firstColumn}, up to a blank line, split on runs of spaces. */
    private static List<List<String>> tableRows(String out, String firstColumn) {
        List<String> lines = out.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(firstColumn + " ")) {
                header = i;
            }
        }
        assertThat(header).as("a table headed %s in:%n%s", firstColumn, out).isNotNegative();
        return lines.subList(header + 1, lines.size()).stream().takeWhile(line -> !line.isBlank())
                .map(line -> List.of(line.trim().split(" {2,}"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(Map<String, Object> resolved) {
        return (Map<String, Object>) resolved.get("components");
    }

    /** The pipeline, every slot's components and every objective of a resolved assembly. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> componentEntries(Map<String, Object> resolved) {
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add((Map<String, Object>) resolved.get("pipeline"));
        for (Object slot : components(resolved).values()) {
            if (slot instanceof List<?> list) {
                list.forEach(entry -> entries.add((Map<String, Object>) entry));
            } else {
                entries.add((Map<String, Object>) slot);
            }
        }
        ((List<Object>) resolved.get("objectives")).forEach(entry -> entries.add((Map<String, Object>) entry));
        return entries;
    }
}
