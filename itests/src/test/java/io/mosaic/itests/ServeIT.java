package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.fixture.faulty.ExplodingFactory;
import io.mosaic.itests.support.GogoShell;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.HttpApi;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.serve.HttpAccess;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic serve} as its users meet it: the HTTP API and page served through the OSGi HTTP whiteboard, the Gogo
 * shell's Mosaic commands, runs submitted by name and as YAML text and followed to their results, a plugin dropped in
 * while it serves, mistakes answered with their file and line, and a plugin that throws failing only its own job
 * (named by bundle and component) while the next jobs complete.
 */
class ServeIT {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
    private static final String LAYER_NORM = "io.mosaic.itests.layernorm";
    private static final String FAULTY = "io.mosaic.itests.faulty";
    /** The baseline with an encoder that throws in forward after the text projection. */
    private static final String EXPLODING = """
            extends: baseline
            name: baseline-exploding
            components:
              text:
                - { use: pointwise-projection, dim: 32 }
                - { use: exploding }
                - { use: gru, hidden: 32 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    Path work;

    @Test
    void aServingRuntimeTakesRunsOverHttpAndTheShellAndKeepsServingAfterAMistake(TestReporter reporter)
            throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        PluginJar.deploy(PluginJar.of(FAULTY, "1.0.0", "io.mosaic.itests.fixture.faulty")
                .writeTo(work.resolve("faulty.jar")), options.plugins());
        String token = HttpAccess.newToken();
        try (Host host = Host.bootServing(options, new ServeOptions("127.0.0.1", 0, false));
             Server server = Server.start(host.runtime(), host.workbench(),
                     HttpAccess.of("127.0.0.1", Optional.of(token), Optional.empty()), Duration.ofSeconds(30));
             GogoShell shell = GogoShell.open(host.runtime().host().context())) {
            HttpApi api = new HttpApi(server.endpoint(), token);

            assertThePageAndTheCatalogueAreServed(api);

            HttpApi.Answer faulty = api.post("api/runs", HttpApi.json(Map.of("yaml", EXPLODING,
                    "set", List.of("data.preset=tiny", "train.epochs=1"))));
            assertThat(faulty.status()).as(faulty.body()).isEqualTo(202);
            int failing = faulty.json().get("id").asInt();
            HttpApi.Answer submitted = api.post("api/runs", HttpApi.json(Map.of("assembly", "baseline",
                    "set", List.of("data.preset=tiny", "train.epochs=2"))));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            int byName = submitted.json().get("id").asInt();

            HttpApi.Answer wrong = api.post("api/runs", HttpApi.json(Map.of("yaml", """
                    extends: baseline
                    name: baseline-typo
                    components:
                      fusion: { use: concatt }
                    """)));
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
            assertThat(wrong.json().get("error").asText()).startsWith("posted YAML:4: components.fusion: unknown "
                    + "fusion 'concatt'; did you mean concat?");
            assertThat(options.runs().resolve("submitted").toFile().list()).as("only the valid one is kept")
                    .hasSize(1);
            HttpApi.Answer malformed = api.post("api/runs", "{\"assembly\": ");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().get("error").asText()).startsWith("the request body is not the JSON expected");

            assertThat(shell.execute("mosaic:components")).contains("pointwise-projection")
                    .containsPattern("fusion\\s+concat\\s+\\S+\\s+io\\.mosaic\\.fusion");
            assertThat(shell.execute("mosaic:assemblies")).contains("baseline-rmfm");
            assertThat(shell.execute("mosaic:help run")).startsWith("mosaic:run ASSEMBLY [KEY=VALUE ...]\n    Queue a "
                    + "run of an installed assembly");
            String queued = shell.execute("mosaic:run baseline data.preset=tiny train.epochs=1 seed=7");
            assertThat(queued).matches("job \\d+ queued: run of baseline");
            int byShell = Integer.parseInt(queued.split(" ")[1]);
            assertThatThrownBy(() -> shell.execute("mosaic:run no-such-assembly"))
                    .hasMessageContaining("no assembly named 'no-such-assembly'");

            JsonNode failed = awaitEnd(api, failing).get("job");
            assertThat(failed.get("state").asText()).isEqualTo("FAILED");
            assertThat(failed.get("error").asText()).startsWith("encoder 'exploding' (slot text[1], bundle " + FAULTY
                    + " 1.0.0) failed in forward: java.lang.IllegalStateException: " + ExplodingFactory.FAILURE);
            assertThat(shell.execute("mosaic:status " + failing)).contains("failed")
                    .contains("bundle " + FAULTY + " 1.0.0");
            JsonNode first = awaitEnd(api, byName);
            assertCompletedWithFollowedProgress(first, 2);
            JsonNode second = awaitEnd(api, byShell);
            assertCompletedWithFollowedProgress(second, 1);
            assertThat(shell.execute("mosaic:status " + byShell)).contains("completed").contains("mae");
            assertThat(shell.execute("mosaic:status")).containsPattern(byName + "\\s+run\\s+COMPLETED")
                    .containsPattern(failing + "\\s+run\\s+FAILED");

            Duration usable = dropPluginAndAwaitItOverHttp(api);
            reporter.publishEntry("serve-hot-deploy-ms", Long.toString(usable.toMillis()));
            System.out.printf("serve: layer-norm listed by GET api/components %d ms after its jar was copied in%n",
                    usable.toMillis());
        }
    }

    private static void assertThePageAndTheCatalogueAreServed(HttpApi api) throws Exception {
        HttpApi.Answer page = api.get("");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Mosaic</title>").contains("Installed components");
        assertThat(api.get("no-such-page").status()).isEqualTo(404);

        JsonNode components = api.get("api/components").json();
        List<String> declared = Installation.declaredComponents().stream()
                .map(c -> c.kind().toLowerCase(Locale.ROOT) + " " + c.name() + "@" + c.version() + " " + c.bundle())
                .toList();
        List<String> served = new ArrayList<>();
        components.forEach(c -> served.add(c.get("kind").asText() + " " + c.get("name").asText() + "@"
                + c.get("version").asText() + " " + c.get("bundle").asText()));
        assertThat(served).containsAll(declared);

        JsonNode status = api.get("api/status").json();
        assertThat(status.get("problems")).isEmpty();
        List<String> bundles = new ArrayList<>();
        status.get("bundles").forEach(b -> bundles.add(b.get("name").asText() + " " + b.get("state").asText()));
        assertThat(bundles).contains("org.apache.felix.http.jetty12 ACTIVE", "org.apache.felix.gogo.runtime ACTIVE",
                "io.mosaic.models ACTIVE");
        assertThat(api.get("api/jobs/999").status()).isEqualTo(404);
    }

    private static JsonNode awaitEnd(HttpApi api, int id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Poll.until("job " + id + " ended", () -> {
            try {
                last.set(api.get("api/jobs/" + id).json());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last.get().get("job").get("state").asText().matches("COMPLETED|FAILED");
        }, RUN_DEADLINE);
        return last.get();
    }

    private static void assertCompletedWithFollowedProgress(JsonNode answer, int epochs) {
        JsonNode job = answer.get("job");
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
        JsonNode progress = job.get("progress");
        assertThat(progress.get("epoch").asInt()).isEqualTo(epochs);
        assertThat(progress.get("epochs")).hasSize(epochs);
        progress.get("epochs").forEach(e -> assertThat(e.get("trainLoss").asDouble()).isFinite().isPositive());
        Path folder = Path.of(job.get("folder").asText());
        JsonNode onDisk = RunFiles.metrics(folder);
        JsonNode results = answer.get("results");
        assertThat(results.get("epochs").asInt()).isEqualTo(epochs);
        assertThat(results.get("test")).isEqualTo(onDisk.get("test"));
        results.get("test").forEach(v -> assertThat(v.asDouble()).isFinite());
        assertThat(RunFiles.status(folder).get("state").asText()).isEqualTo("completed");
    }

    private Duration dropPluginAndAwaitItOverHttp(HttpApi api) throws Exception {
        Path jar = PluginJar.of(LAYER_NORM, "1.0.0", "io.mosaic.itests.fixture.layernorm")
                .writeTo(work.resolve("layer-norm.jar"));
        PluginJar.deploy(jar, work.resolve("plugins"));
        return Poll.until("layer-norm served", () -> {
            try {
                return api.get("api/components").body().contains("\"name\":\"layer-norm\"");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, Duration.ofSeconds(10));
    }
}
