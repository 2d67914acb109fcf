package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.GogoShell;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.HttpApi;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.serve.HttpAccess;
import io.mosaic.runtime.serve.Jobs;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling {@code serve}'s jobs: a training run stops at its next step boundary, its run folder cancelled and
 * resumable; a job stuck in a plugin's forward pass (while it evaluates) is abandoned after a bound, naming the code it
 * is stuck in, and the queue goes on to the next job.
 */
class ServeCancelIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String STUCK = """
            extends: baseline
            name: baseline-stuck
            components:
              text:
                - { use: pointwise-projection, dim: 32 }
                - { use: stuck }
                - { use: gru, hidden: 32 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    Path work;

    @Test
    void aCancelledJobStopsAtAStepBoundaryAndAStuckOneIsAbandonedByNameWhileTheNextCompletes() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        PluginJar.deploy(PluginJar.of("io.mosaic.itests.faulty", "1.0.0", "io.mosaic.itests.fixture.faulty")
                .writeTo(work.resolve("faulty.jar")), options.plugins());
        System.setProperty(Jobs.ABANDON_AFTER_PROPERTY, "PT3S");
        String token = HttpAccess.newToken();
        try (Host host = Host.bootServing(options, new ServeOptions("127.0.0.1", 0, false));
             Server server = Server.start(host.runtime(), host.workbench(),
                     HttpAccess.of("127.0.0.1", Optional.of(token), Optional.empty()), Duration.ofSeconds(30));
             GogoShell shell = GogoShell.open(host.runtime().host().context())) {
            HttpApi api = new HttpApi(server.endpoint(), token);

            // more epochs than it can train before the cancellation reaches it (a tiny epoch takes about 0.1 s)
            int training = submit(api, Map.of("assembly", "baseline", "set", List.of("data.preset=tiny",
                    "train.epochs=2000", "train.patience=0")));
            Poll.until("job " + training + " trains", () -> job(api, training).get("progress").get("batch").asInt() > 0,
                    DEADLINE);
            assertThat(shell.execute("mosaic:cancel " + training)).isEqualTo("job " + training + " stopping at its next "
                    + "step boundary; mosaic:status " + training + " follows it");
            JsonNode stopped = awaitEnd(api, training);
            Path folder = Path.of(stopped.get("folder").asText());
            assertThat(stopped.get("state").asText()).isEqualTo("CANCELLED");
            assertThat(stopped.get("error").asText()).matches("(?s)stopped \\(cancelled\\) at "
                    + "(epoch \\d+, batch \\d+|evaluation of the valid split, batch \\d+ of \\d+).*")
                    .endsWith("with: mosaic run --resume " + folder);
            assertThat(RunFiles.status(folder).get("state").asText()).isEqualTo("cancelled");

            int stuck = submit(api, Map.of("yaml", STUCK, "set", List.of("data.preset=tiny", "train.epochs=1")));
            int next = submit(api, Map.of("assembly", "baseline", "set", List.of("data.preset=tiny",
                    "train.epochs=1")));
            Poll.until("job " + stuck + " trains its epoch and evaluates", () -> {
                JsonNode progress = job(api, stuck).get("progress");
                return progress.get("batches").asInt() > 0 && progress.get("batch").asInt() == progress
                        .get("batches").asInt();
            }, DEADLINE);
            Thread.sleep(500);
            HttpApi.Answer cancel = api.post("api/jobs/" + stuck + "/cancel", "{}");
            assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);

            JsonNode abandoned = awaitEnd(api, stuck);
            assertThat(abandoned.get("state").asText()).isEqualTo("CANCELLED");
            assertThat(abandoned.get("error").asText()).startsWith("cancelled, then abandoned: it did not reach a "
                    + "step boundary within 3 s; it is stuck in io.mosaic.itests.fixture.faulty.StuckFactory.block("
                    + "StuckFactory.java:").contains("left running as a daemon");
            assertThat(awaitEnd(api, next).get("state").asText()).isEqualTo("COMPLETED");

            HttpApi.Answer again = api.post("api/jobs/" + next + "/cancel", "{}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).isEqualTo("job " + next + " has ended (completed)");
            assertThat(api.post("api/jobs/999/cancel", "{}").status()).isEqualTo(404);
        } finally {
            System.clearProperty(Jobs.ABANDON_AFTER_PROPERTY);
        }
    }

    private static int submit(HttpApi api, Map<String, Object> body) throws Exception {
        HttpApi.Answer answer = api.post("api/runs", HttpApi.json(body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asInt();
    }

    private static JsonNode job(HttpApi api, int id) {
        try {
            return api.get("api/jobs/" + id).json().get("job");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitEnd(HttpApi api, int id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Poll.until("job " + id + " ended", () -> {
            last.set(job(api, id));
            return last.get().get("state").asText().matches("COMPLETED|FAILED|CANCELLED");
        }, DEADLINE);
        return last.get();
    }
}
