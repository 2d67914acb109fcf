package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.HttpApi;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.serve.HttpAccess;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Server;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} remembers: runs made before it started are listed by {@code GET /api/runs} with their results and
 * report URLs; a report is served to the token and nothing else is (no traversal, no symbolic link, no other file of a
 * run folder); {@code DELETE /api/jobs/ID} cancels a queued and a running job, whose run folder says
 * {@code cancelled}; after a restart, job numbers go on from the last one and the cancelled run is listed.
 */
class ServeHistoryIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String SECRET = "secret-content-never-served";

    @TempDir
    Path work;

    @Test
    void pastRunsAreListedReportsServedSafelyJobsDeletedAndNumbersNeverReusedAfterARestart() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Cli.Result before = Cli.run(options, "run", "baseline", "--set", "data.preset=tiny", "--set",
                "train.epochs=1", "-q");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        Path earlier = RunFiles.onlyRun(options.runs());
        JsonNode earlierMetrics = RunFiles.metrics(earlier);
        Files.writeString(work.resolve("secret.txt"), SECRET);
        Files.createDirectories(work.resolve("outside"));
        Files.writeString(work.resolve("outside/report.html"), SECRET);
        Files.createSymbolicLink(options.runs().resolve("linked-run"), work.resolve("outside"));
        Files.createSymbolicLink(earlier.resolve("comparison.html"), work.resolve("secret.txt"));
        String token = HttpAccess.newToken();
        int cancelledRunning;
        int cancelledQueued;
        Path cancelledFolder;

        try (Host host = Host.bootServing(options, new ServeOptions("127.0.0.1", 0, false));
             Server server = Server.start(host.runtime(), host.workbench(),
                     HttpAccess.of("127.0.0.1", Optional.of(token), Optional.empty()), Duration.ofSeconds(30))) {
            HttpApi api = new HttpApi(server.endpoint(), token);

            JsonNode listed = run(api.get("api/runs").json(), earlier.getFileName().toString());
            String selection = earlierMetrics.get("selection").asText();
            assertThat(listed.get("kind").asText()).isEqualTo("run");
            assertThat(listed.get("assembly").asText()).isEqualTo("baseline");
            assertThat(listed.get("state").asText()).isEqualTo("completed");
            assertThat(listed.get("selection").asText()).isEqualTo(selection);
            assertThat(listed.get("valid").get("mean").asDouble())
                    .isEqualTo(earlierMetrics.get("valid").get(selection).asDouble());
            assertThat(listed.get("test").get("mean").asDouble())
                    .isEqualTo(earlierMetrics.get("test").get(selection).asDouble());
            assertThat(listed.get("seconds").asDouble()).isEqualTo(earlierMetrics.get("seconds").asDouble());
            assertThat(listed.get("date").asText()).isEqualTo(RunFiles.status(earlier).get("started").asText());
            String report = "reports/" + earlier.getFileName() + "/report.html";
            assertThat(listed.get("report").asText()).isEqualTo(report);
            assertThat(run(api.get("api/runs").json(), "linked-run").get("state").asText()).isEqualTo("unreadable");

            assertReportsAreServedToTheTokenAlone(api, server, token, report, earlier);
            assertNothingElseIsServed(api, earlier);

            cancelledRunning = submit(api, "baseline", "train.epochs=30");
            cancelledQueued = submit(api, "baseline", "train.epochs=1");
            Poll.until("job " + cancelledRunning + " trains",
                    () -> job(api, cancelledRunning).get("job").get("progress").get("batch").asInt() > 0, DEADLINE);
            HttpApi.Answer queued = api.delete("api/jobs/" + cancelledQueued);
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            assertThat(queued.json().get("state").asText()).isEqualTo("CANCELLED");
            assertThat(queued.json().get("error").asText()).isEqualTo("cancelled before it started");
            HttpApi.Answer running = api.delete("api/jobs/" + cancelledRunning);
            assertThat(running.status()).as(running.body()).isEqualTo(202);

            JsonNode stopped = awaitEnd(api, cancelledRunning);
            cancelledFolder = Path.of(stopped.get("job").get("folder").asText());
            assertThat(stopped.get("job").get("state").asText()).isEqualTo("CANCELLED");
            assertThat(stopped.get("job").get("error").asText()).contains("is cancelled and resumes from its last "
                    + "completed epoch with: mosaic run --resume " + cancelledFolder);
            assertThat(RunFiles.status(cancelledFolder).get("state").asText()).isEqualTo("cancelled");
            assertThat(stopped.get("report").asText())
                    .isEqualTo("reports/" + cancelledFolder.getFileName() + "/report.html");
            assertThat(api.delete("api/jobs/" + cancelledRunning).status()).isEqualTo(409);
            assertThat(api.delete("api/jobs/999").status()).isEqualTo(404);
            assertThat(api.delete("api/jobs").status()).isEqualTo(404);
        }

        try (Host host = Host.bootServing(options, new ServeOptions("127.0.0.1", 0, false));
             Server server = Server.start(host.runtime(), host.workbench(),
                     HttpAccess.of("127.0.0.1", Optional.of(token), Optional.empty()), Duration.ofSeconds(30))) {
            HttpApi api = new HttpApi(server.endpoint(), token);
            assertThat(api.get("api/jobs").json()).as("jobs themselves are not kept").isEmpty();

            int afterRestart = submit(api, "baseline", "train.epochs=1");
            assertThat(api.delete("api/jobs/" + afterRestart).status()).isEqualTo(202);

            assertThat(afterRestart).as("the first job after the restart").isEqualTo(Math.max(cancelledRunning,
                    cancelledQueued) + 1);
            assertThat(api.get("api/jobs/" + cancelledRunning).status()).isEqualTo(404);
            JsonNode cancelled = run(api.get("api/runs").json(), cancelledFolder.getFileName().toString());
            assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
            assertThat(run(api.get("api/runs").json(), earlier.getFileName().toString()).get("state").asText())
                    .isEqualTo("completed");
            List<String> names = new ArrayList<>();
            api.get("api/runs").json().forEach(r -> names.add(r.get("name").asText()));
            assertThat(names.indexOf(cancelledFolder.getFileName().toString())).as("newest first")
                    .isLessThan(names.indexOf(earlier.getFileName().toString()));
        }
        Cli.Result runs = Cli.run(options, "runs", "--state", "cancelled");
        assertThat(runs.exitCode()).as(runs.toString()).isZero();
        // By the NAME column: a run started in the same second as another is named with a suffix ("-2"), so the
        // earlier run's name can be a prefix of a listed one.
        List<String> listed = runs.out().lines().skip(1).map(line -> line.split("\\s+")[0]).toList();
        assertThat(listed).contains(cancelledFolder.getFileName().toString())
                .doesNotContain(earlier.getFileName().toString());
    }

    private static void assertReportsAreServedToTheTokenAlone(HttpApi api, Server server, String token,
                                                              String report, Path run) throws Exception {
        String expected = Files.readString(run.resolve("report.html"));
        HttpApi.Answer served = api.get(report);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("text/html");
        assertThat(served.body()).isEqualTo(expected);
        HttpApi anonymous = new HttpApi(server.endpoint(), null);
        assertThat(anonymous.get(report).status()).isEqualTo(401);
        assertThat(anonymous.get(report + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).body())
                .as("the token in the URL, as the page's links carry it").isEqualTo(expected);
        assertThat(anonymous.get(report + "?token=wrong").status()).isEqualTo(401);
        assertThat(api.get("reports/" + run.getFileName()).body()).as("the folder names its page too")
                .isEqualTo(expected);
        // the cookie a report opened with the query token sets, which its relative links then carry
        String cookie = "Cookie: mosaic-report-token=" + token + "\r\n";
        String host = "Host: " + api.hostHeader() + "\r\n";
        HttpApi.Answer linked = anonymous.raw("GET /" + report + " HTTP/1.0\r\n" + host + cookie, "");
        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.body()).isEqualTo(expected);
        assertThat(anonymous.raw("GET /api/runs HTTP/1.0\r\n" + host + cookie, "").status())
                .as("the cookie opens report pages alone").isEqualTo(401);
    }

    private static void assertNothingElseIsServed(HttpApi api, Path run) throws Exception {
        String name = run.getFileName().toString();
        String metrics = Files.readString(run.resolve("metrics.json"));
        assertRefused(api.get("reports/" + name + "/metrics.json"), 404, "is a file, and only a folder's "
                + "report.html or comparison.html is served", metrics);
        assertRefused(api.get("reports/" + name + "/comparison.html"), 403, "comparison.html is a symbolic link, "
                + "which is not followed", SECRET);
        assertRefused(api.get("reports/linked-run"), 403, "linked-run is a symbolic link, which is not followed",
                SECRET);
        assertRefused(api.get("reports/no-such-run"), 404, "there is no folder no-such-run under the runs folder",
                SECRET);
        for (String traversal : List.of("/reports/../secret.txt", "/reports/%2e%2e/secret.txt",
                "/reports/%2e%2e%2fsecret.txt", "/reports/" + name + "/%2e%2e/%2e%2e/secret.txt",
                "/reports/..%5csecret.txt", "/reports/" + name + "%2F..%2F..%2Fsecret.txt")) {
            HttpApi.Answer answer = api.raw("GET " + traversal + " HTTP/1.0\r\nHost: " + api.hostHeader() + "\r\n"
                    + "Authorization: Bearer " + api.token() + "\r\n", "");
            assertThat(answer.status()).as(traversal + ": " + answer.body()).isIn(400, 403, 404);
            assertThat(answer.body()).as(traversal).doesNotContain(SECRET).doesNotContain("\"bestEpoch\"");
        }
    }

    private static void assertRefused(HttpApi.Answer answer, int status, String message, String content) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("error").asText()).startsWith("no report at /reports/").contains(message);
        assertThat(answer.body()).doesNotContain(content);
    }

    private static int submit(HttpApi api, String assembly, String epochs) throws Exception {
        HttpApi.Answer answer = api.post("api/runs", HttpApi.json(Map.of("assembly", assembly, "set",
                List.of("data.preset=tiny", epochs))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asInt();
    }

    private static JsonNode run(JsonNode runs, String name) {
        for (JsonNode run : runs) {
            if (run.get("name").asText().equals(name)) {
                return run;
            }
        }
        throw new AssertionError("GET /api/runs does not list " + name + ": " + runs);
    }

    private static JsonNode job(HttpApi api, int id) {
        try {
            return api.get("api/jobs/" + id).json();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode awaitEnd(HttpApi api, int id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Poll.until("job " + id + " ended", () -> {
            last.set(job(api, id));
            return last.get().get("job").get("state").asText().matches("COMPLETED|FAILED|CANCELLED");
        }, DEADLINE);
        return last.get();
    }
}
