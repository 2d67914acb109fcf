package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Browser;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.HttpApi;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.Poll;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.serve.HttpAccess;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Server;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic serve} against what another web page, another program on the machine, or a careless script could send:
 * every request without the token, with a foreign {@code Host} or {@code Origin}, of a method the server does not use,
 * with a body that is not JSON or over the limit, is refused with its status and a JSON message; every malformed
 * request is a 4xx, never a 500; no file outside the installed assemblies is read, and none of its contents echoed;
 * the queue is bounded; and the page, opened with the token in its URL, still works.
 */
class ServeSecurityIT {
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path work;

    @Test
    void aServerRefusesWhatItShouldNotTakeAndStillServesItsUsers() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        String token = HttpAccess.newToken();
        HttpAccess access = HttpAccess.of("127.0.0.1", Optional.of(token), Optional.empty())
                .withLimits(HttpAccess.MAX_BODY_BYTES, 1);
        try (Host host = Host.bootServing(options, new ServeOptions("127.0.0.1", 0, false));
             Server server = Server.start(host.runtime(), host.workbench(), access, Duration.ofSeconds(30))) {
            URI endpoint = server.endpoint();
            HttpApi api = new HttpApi(endpoint, token);
            HttpApi anonymous = new HttpApi(endpoint, null);
            String self = endpoint.getHost() + ":" + endpoint.getPort();

            assertRefused(anonymous.get("api/status"), 401, "an access token is needed");
            assertRefused(anonymous.get(""), 401, "an access token is needed");
            assertRefused(anonymous.post("api/runs", HttpApi.json(Map.of("assembly", "baseline"))), 401,
                    "an access token is needed");
            assertRefused(api.raw("GET /api/status HTTP/1.0\r\nHost: rebound.example:" + endpoint.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\n", ""), 403, "the Host header names another server");
            assertRefused(api.raw("POST /api/runs HTTP/1.0\r\nHost: " + self + "\r\nOrigin: http://attacker.example"
                    + "\r\nContent-Type: text/plain\r\n", "{\"assembly\": \"baseline\"}"), 403,
                    "requests from another origin are refused");
            assertRefused(api.post("api/runs", "text/plain", HttpApi.json(Map.of("assembly", "baseline"))), 415,
                    "a request body must be JSON");
            assertRefused(api.raw("TRACE / HTTP/1.0\r\nHost: " + self + "\r\nAuthorization: Bearer " + token
                    + "\r\n", ""), 405, "method TRACE is not allowed");
            assertRefused(api.raw("PUT /api/runs HTTP/1.0\r\nHost: " + self + "\r\n", ""), 405,
                    "method PUT is not allowed");
            assertRefused(api.raw("POST /api/runs HTTP/1.0\r\nHost: " + self + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 41943040\r\n", ""), 413,
                    "the request body is larger than 262144 bytes");
            assertRefused(postStreamed(endpoint, token, "{\"yaml\": \"" + "#".repeat(300_000) + "\"}"), 413,
                    "the request body is larger than 262144 bytes");

            assertMalformedRequestsAre4xx(api);
            assertNoFileIsReadOrEchoed(api);
            assertThat(options.runs().resolve("submitted")).as("nothing posted was valid, so nothing is kept")
                    .doesNotExist();

            HttpApi.Answer queued = api.post("api/runs", HttpApi.json(Map.of("assembly", "baseline",
                    "set", List.of("data.preset=tiny", "train.epochs=2"))));
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            assertRefused(api.post("api/runs", HttpApi.json(Map.of("yaml", "extends: baseline\nname: second\n",
                    "set", List.of("data.preset=tiny")))), 429, "1 job is already queued or running");
            assertThat(options.runs().resolve("submitted")).as("a refused submission is not kept").doesNotExist();

            assertThePageWorksWithItsToken(server.pageUrl(), work.resolve("chromium"));
            assertThat(awaitEnd(api, queued.json().get("id").asInt()).get("state").asText()).isEqualTo("COMPLETED");
        }
    }

    private static void assertMalformedRequestsAre4xx(HttpApi api) throws Exception {
        assertRefused(api.post("api/runs", "{\"set\": [null]}"), 400,
                "set[0]: expected a string such as \"train.epochs=3\", found null");
        assertRefused(api.post("api/runs", HttpApi.json(Map.of("assembly", "baseline", "set", List.of(".=1")))), 400,
                "--set .=1: expected key.path=value, e.g. train.epochs=3");
        assertRefused(api.get("api/jobs/99999999999"), 404, "no job 99999999999");
        assertRefused(api.get("api/jobs/99999999999999999999999"), 404, "no such resource: GET /api/jobs/");
        for (String notAnObject : List.of("[]", "\"baseline\"", "3", "null", "")) {
            assertRefused(api.post("api/runs", notAnObject), 400, "the request body must be a JSON object");
        }
        assertRefused(api.post("api/runs", "{\"assembly\": [\"baseline\"]}"), 400,
                "the request body is not the JSON expected");
        assertRefused(api.post("api/runs", "{\"assembly\": \"baseline\", \"colour\": 1}"), 400,
                "the request body is not the JSON expected");
        assertRefused(api.post("api/compares", "{\"assemblies\": [\"baseline\", \"baseline\"], \"seeds\": \"many\"}"),
                400, "the request body is not the JSON expected");
        assertRefused(api.post("api/compares", "{\"assemblies\": [null, \"baseline\"]}"), 400,
                "give \"assemblies\": a list of the names");
        assertRefused(api.post("api/runs", "{}"), 400, "give either \"assembly\" (an installed name) or \"yaml\"");
        assertRefused(api.post("api/runs", HttpApi.json(Map.of("yaml", "name: x\na: &a [ *a ]\n"))), 400,
                "posted YAML:2: a recursive alias: this value contains itself");
    }

    private static void assertNoFileIsReadOrEchoed(HttpApi api) throws Exception {
        HttpApi.Answer path = api.post("api/runs", HttpApi.json(Map.of("assembly", "/etc/passwd")));
        assertRefused(path, 400, "/etc/passwd: no installed assembly named '/etc/passwd' (installed: ");
        assertThat(path.body()).contains("over HTTP an assembly is an installed name or YAML text: files are read "
                + "only when serve is started with --assemblies DIR").doesNotContain("root:");
        HttpApi.Answer extending = api.post("api/runs", HttpApi.json(Map.of("yaml",
                "extends: /etc/passwd\nname: x\n")));
        assertRefused(extending, 400, "posted YAML:1: extends: no installed assembly named '/etc/passwd'");
        assertThat(extending.body()).doesNotContain("root:");
        HttpApi.Answer compare = api.post("api/compares", HttpApi.json(Map.of("assemblies",
                List.of("baseline", "../../../../etc/passwd"))));
        assertRefused(compare, 400, "../../../../etc/passwd: no installed assembly named '../../../../etc/passwd'");
        assertThat(compare.body()).doesNotContain("root:");
    }

    private static void assertRefused(HttpApi.Answer answer, int status, String messageStart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).startsWith(messageStart);
    }

    /** A body of unknown length (chunked), which only the API's bounded read can refuse. */
    private static HttpApi.Answer postStreamed(URI endpoint, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("api/runs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new HttpApi.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static void assertThePageWorksWithItsToken(URI page, Path profile) {
        Browser.assumeInstalled();
        try (Browser browser = Browser.start(profile)) {
            browser.open(page);
            Poll.until("the page lists components and the job", () -> {
                Object rows = browser.script("return document.querySelectorAll('#components tr').length"
                        + " * (document.querySelectorAll('#jobs tr').length > 0 ? 1 : 0);");
                return ((Number) rows).intValue() > 0;
            }, Duration.ofSeconds(20));
            assertThat(browser.script("return document.getElementById('health').textContent;").toString())
                    .contains("components in").doesNotContain("cannot reach");
            assertThat(browser.severeConsoleMessages()).isEmpty();
        }
    }

    private static JsonNode awaitEnd(HttpApi api, int id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Poll.until("job " + id + " ended", () -> {
            try {
                last.set(api.get("api/jobs/" + id).json().get("job"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last.get().get("state").asText().matches("COMPLETED|FAILED");
        }, RUN_DEADLINE);
        return last.get();
    }
}
