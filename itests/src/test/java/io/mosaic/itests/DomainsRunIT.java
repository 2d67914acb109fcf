package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.itests.support.TestbedExports;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Domain generalisation across files on the real runtime: three {@code mosaic data testbed} exports, one testbed
 * domain each, used as three datasets; trained on the first and tested on the other two, the run, its console and
 * {@code compare} report the source test split and each target's. The testbed's own domains report the same way.
 */
class DomainsRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path assembly;

    @BeforeAll
    static void threeExportsAndAnAssembly() throws IOException {
        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve("export")),
                Duration.ofSeconds(10));
        List<String> files = new ArrayList<>();
        for (int domain = 0; domain < 3; domain++) {
            Path file = work.resolve("domain-" + domain + ".npz");
            TestbedExports.tinyDomain(options, domain, file);
            files.add(file.toString());
        }
        assembly = Files.writeString(work.resolve("dg.yaml"), """
                name: dg
                pipeline: baseline
                data: { source: npz, files: [%s], train-domains: [0], test-domains: [1, 2], task: classes-3,
                        labels: file }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - cross-entropy
                train: { epochs: 2, patience: 0, batch: 16, select: { metric: accuracy } }
                """.formatted(String.join(", ", files)));
    }

    private static RuntimeOptions options(String name) throws IOException {
        return Installation.options(Files.createDirectory(work.resolve(name)), Duration.ofSeconds(10));
    }

    @Test
    void aRunTrainedOnOneFileReportsTheSourceAndEachTargetFile() throws IOException {
        RuntimeOptions options = options("run");

        Cli.Result result = Cli.run(options, "run", assembly.toString(), "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode metrics = RunFiles.metrics(RunFiles.onlyRun(options.runs()));
        assertThat(metrics.get("data").asText()).isEqualTo("npz domain-0.npz, domain-1.npz, domain-2.npz (train "
                + "domains [0], test domains [1, 2])");
        JsonNode domains = metrics.get("domainTests");
        assertThat(List.of(domains.fieldNames().next())).containsExactly("source");
        assertThat(domains.has("target-1") && domains.has("target-2")).as(domains.toString()).isTrue();
        double target1 = domains.get("target-1").get("accuracy").asDouble();
        double target2 = domains.get("target-2").get("accuracy").asDouble();
        assertThat(metrics.get("test").get("accuracy").asDouble()).as("24 samples of each target")
                .isCloseTo((target1 + target2) / 2, within(1e-9));
        assertThat(result.out()).contains("METRIC").contains("SOURCE").contains("TARGET-1").contains("TARGET-2");
        String csv = Files.readString(RunFiles.onlyRun(options.runs()).resolve("metrics.csv"));
        assertThat(csv).contains("\ntarget-2,accuracy,");
    }

    @Test
    void validateOpensTheHeldOutFilesAndNamesOneThatCannotBeUsed() throws IOException {
        RuntimeOptions options = options("validate");
        Path broken = Files.writeString(work.resolve("broken.npz"), "no npz");
        Path withBroken = Files.writeString(work.resolve("broken.yaml"), Files.readString(assembly)
                .replace("domain-2.npz", "broken.npz"));

        Cli.Result valid = Cli.run(options, "validate", assembly.toString());
        Cli.Result refused = Cli.run(options, "validate", withBroken.toString());

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains(withBroken + ":3: data: ").contains(broken.toString());
    }

    @Test
    void compareReportsEachDomainTestSplitSideBySide() throws IOException {
        RuntimeOptions options = options("compare");

        Cli.Result result = Cli.run(options, "compare", assembly.toString(), "--vary",
                "components.head.hidden=[8],[4]", "--set", "train.epochs=1", "--seeds", "2", "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path folder = RunFiles.onlyRun(options.runs());
        JsonNode comparison = JSON.readTree(folder.resolve("comparison.json").toFile());
        JsonNode second = comparison.get("assemblies").get(1);
        assertThat(second.get("domainTests").get("target-1").get("metrics").get("accuracy").get("values"))
                .hasSize(2);
        assertThat(second.get("domainTests").get("target-2").get("paired").has("accuracy")).isTrue();
        assertThat(result.out()).contains("source test split").contains("target-1 test split")
                .contains("target-2 test split");
        assertThat(Files.readString(folder.resolve("comparison.csv"))).contains(",target-1,accuracy,");
        assertThat(Files.readString(folder.resolve("comparison.html"))).contains("Metrics on the target-2 test split");
    }

    @Test
    void theTestbedsDomainsAreReportedTheSameWayOverSeeds() throws IOException {
        RuntimeOptions options = options("testbed");

        Cli.Result result = Cli.run(options, "run", "baseline", "--set", "data.preset=tiny", "--set",
                "data.train-domains=[0]", "--set", "data.test-domains=[1, 2]", "--set", "train.epochs=1",
                "--seeds", "2", "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path group = RunFiles.onlyRun(options.runs());
        JsonNode domains = RunFiles.metrics(group.resolve("seed-1111")).get("domainTests");
        List<String> names = new ArrayList<>();
        domains.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("source", "target-1", "target-2");
        assertThat(domains.get("target-2").get("mae").asDouble()).isPositive();
        JsonNode summary = JSON.readTree(group.resolve("summary.json").toFile());
        assertThat(summary.get("domainTests").get("target-1").get("mae").get("n").asInt()).isEqualTo(2);
        assertThat(result.out()).contains("SOURCE").contains("TARGET-2");
        assertThat(Files.readString(group.resolve("summary.csv"))).contains("\nsource,mae,");
    }

    @Test
    void variantsReportEachDomainTestSplit() throws IOException {
        RuntimeOptions options = options("variants");

        Cli.Result result = Cli.run(options, "run", assembly.toString(), "--vary",
                "components.head.hidden=[8],[4]", "--set", "train.epochs=1", "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("target-1 test split: mean ± std over the seeds")
                .contains("target-2 test split: mean ± std over the seeds");
        assertThat(Files.readString(RunFiles.onlyRun(options.runs()).resolve("variants.csv")))
                .contains(",target-2,accuracy,");
    }
}
