package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each refusal of the guard, on requests as a browser, a script or another page would send them. */
class RequestGuardTest {
    private static final String TOKEN = "0123456789abcdef";
    private static final int PORT = 8080;
    private static final HttpAccess ACCESS = HttpAccess.of("127.0.0.1", Optional.of(TOKEN), Optional.empty());
    private final RequestGuard guard = new RequestGuard(ACCESS);

    private static RequestGuard.Request get(String path, String host, String origin, String authorization,
                                            String queryToken) {
        return new RequestGuard.Request("GET", path, host, origin, authorization, queryToken, null, null, -1, PORT);
    }

    private static RequestGuard.Request post(String contentType, long length, String authorization) {
        return new RequestGuard.Request("POST", "/api/runs", "127.0.0.1:8080", null, authorization, null, null,
                contentType, length, PORT);
    }

    private Optional<Integer> status(RequestGuard.Request request) {
        return guard.check(request).map(RequestGuard.Refusal::status);
    }

    @Test
    void aScriptWithTheBearerTokenAndThePageWithItsQueryTokenPass() {
        assertThat(status(get("/api/status", "127.0.0.1:8080", null, "Bearer " + TOKEN, null))).isEmpty();
        assertThat(status(get("/api/status", "localhost:8080", "http://localhost:8080", "bearer " + TOKEN, null)))
                .isEmpty();
        assertThat(status(get("/", "[::1]:8080", null, null, TOKEN))).isEmpty();
        assertThat(status(post("application/json; charset=utf-8", 20, "Bearer " + TOKEN))).isEmpty();
    }

    @Test
    void noTokenOrAWrongOneIs401AndTheQueryTokenOpensOnlyThePage() {
        assertThat(guard.check(get("/api/status", "127.0.0.1:8080", null, null, null)))
                .hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.message()).startsWith("an access token is needed");
                });
        assertThat(status(get("/api/status", "127.0.0.1:8080", null, "Bearer 0123456789abcdeX", null)))
                .contains(401);
        assertThat(status(get("/api/status", "127.0.0.1:8080", null, null, TOKEN))).contains(401);
        assertThat(status(get("/", "127.0.0.1:8080", null, null, "wrong"))).contains(401);
        assertThat(status(post("application/json", 20, null))).contains(401);
    }

    @Test
    void theQueryTokenAlsoOpensTheReportPagesTheLinksOfThePageLeadTo() {
        assertThat(status(get("/reports/baseline-20250101-100000", "127.0.0.1:8080", null, null, TOKEN))).isEmpty();
        assertThat(status(get("/reports/compare-x/baseline/seed-1/report.html", "127.0.0.1:8080", null, null,
                TOKEN))).isEmpty();
        assertThat(status(get("/reports/baseline-20250101-100000", "127.0.0.1:8080", null, null, null)))
                .contains(401);
        assertThat(status(get("/reports/baseline-20250101-100000", "127.0.0.1:8080", null, null, "wrong")))
                .contains(401);
        assertThat(status(get("/reportsx", "127.0.0.1:8080", null, null, TOKEN))).contains(401);
        assertThat(status(new RequestGuard.Request("DELETE", "/reports/x", "127.0.0.1:8080", null, null, TOKEN,
                null, null, -1, PORT))).contains(401);
    }

    @Test
    void aReportOpenedWithTheQueryTokenSetsTheCookieThatOpensItsLinkedReportsAndNothingElse() {
        RequestGuard.Request opened = get("/reports/compare-x/comparison.html", "127.0.0.1:8080", null, null, TOKEN);
        assertThat(guard.reportCookie(opened)).contains("mosaic-report-token=" + TOKEN
                + "; Path=/reports/; HttpOnly; SameSite=Strict");
        assertThat(guard.reportCookie(get("/", "127.0.0.1:8080", null, null, TOKEN))).isEmpty();
        assertThat(guard.reportCookie(get("/reports/x", "127.0.0.1:8080", null, "Bearer " + TOKEN, null))).isEmpty();

        assertThat(status(withCookie("GET", "/reports/compare-x/baseline/report.html", TOKEN))).isEmpty();
        assertThat(status(withCookie("HEAD", "/reports/compare-x/baseline/seed-1/report.html", TOKEN))).isEmpty();
        assertThat(status(withCookie("GET", "/reports/compare-x/baseline/report.html", "wrong"))).contains(401);
        assertThat(status(withCookie("GET", "/api/runs", TOKEN))).contains(401);
        assertThat(status(withCookie("GET", "/", TOKEN))).contains(401);
        assertThat(status(withCookie("DELETE", "/reports/x", TOKEN))).contains(401);
    }

    @Test
    void aTokenThatACookieCannotHoldUnquotedIsNeverPutInOne() {
        RequestGuard quoted = new RequestGuard(HttpAccess.of("127.0.0.1", Optional.of("a b;c"), Optional.empty()));
        assertThat(quoted.reportCookie(get("/reports/x", "127.0.0.1:8080", null, null, "a b;c"))).isEmpty();
    }

    private static RequestGuard.Request withCookie(String method, String path, String cookie) {
        return new RequestGuard.Request(method, path, "127.0.0.1:8080", null, null, null, cookie, null, -1, PORT);
    }

    @Test
    void aForeignHostOrAnotherPortIs403() {
        assertThat(status(get("/api/status", "attacker.example:8080", null, "Bearer " + TOKEN, null)))
                .contains(403);
        assertThat(status(get("/api/status", "127.0.0.1:9999", null, "Bearer " + TOKEN, null))).contains(403);
        assertThat(status(get("/api/status", "127.0.0.1", null, "Bearer " + TOKEN, null))).contains(403);
        assertThat(status(get("/api/status", null, null, "Bearer " + TOKEN, null))).contains(403);
    }

    @Test
    void anOriginOtherThanTheServersOwnIs403() {
        assertThat(status(get("/api/status", "127.0.0.1:8080", "http://attacker.example", "Bearer " + TOKEN,
                null))).contains(403);
        assertThat(status(get("/api/status", "127.0.0.1:8080", "null", "Bearer " + TOKEN, null))).contains(403);
        assertThat(status(get("/api/status", "127.0.0.1:8080", "https://127.0.0.1:8080", "Bearer " + TOKEN,
                null))).contains(403);
    }

    @Test
    void aWriteThatIsNotJsonIs415AndOneOverTheLimitIs413() {
        assertThat(status(post("text/plain", 20, "Bearer " + TOKEN))).contains(415);
        assertThat(status(post("application/x-www-form-urlencoded", 20, "Bearer " + TOKEN))).contains(415);
        assertThat(status(post(null, 20, "Bearer " + TOKEN))).contains(415);
        assertThat(status(post("application/json", HttpAccess.MAX_BODY_BYTES + 1, "Bearer " + TOKEN)))
                .contains(413);
    }

    @Test
    void traceAndMethodsTheServerDoesNotUseAre405WhateverElseTheRequestHas() {
        for (String method : new String[] {"TRACE", "PUT", "PATCH", "OPTIONS", "CONNECT"}) {
            assertThat(status(new RequestGuard.Request(method, "/", "127.0.0.1:8080", null, "Bearer " + TOKEN,
                    null, null, null, -1, PORT))).as(method).contains(405);
        }
    }

    @Test
    void withoutATokenOnLoopbackTheOtherChecksStillHold() {
        RequestGuard open = new RequestGuard(HttpAccess.of("127.0.0.1", Optional.empty(), Optional.empty()));

        assertThat(open.check(get("/api/status", "127.0.0.1:8080", null, null, null))).isEmpty();
        assertThat(open.check(get("/api/status", "evil.example:8080", null, null, null)))
                .map(RequestGuard.Refusal::status).contains(403);
    }
}
