package io.mosaic.runtime.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stands before the page and the API and refuses, with a JSON message, what a web page of another origin or another
 * program without the token could send:
 * <ul>
 *   <li>a method the server does not use ({@code TRACE}, {@code PUT}, {@code OPTIONS}, ...): 405;</li>
 *   <li>a {@code Host} header that is not a name of this server with its port (DNS rebinding): 403;</li>
 *   <li>an {@code Origin} header other than the server's own (a page elsewhere that calls the API): 403;</li>
 *   <li>no access token, or a wrong one: 401. The token comes as {@code Authorization: Bearer <token>}, or, for the
 *       page (as the URL {@code serve} prints) and the report pages it links to alone, as the query parameter
 *       {@value #TOKEN_PARAMETER}. A report page opened with it also gets it as the cookie {@value #REPORT_COOKIE}
 *       (HttpOnly, SameSite=Strict, path {@code /reports/}), so that the page's own relative links (a comparison's to
 *       its seed groups and runs) open; the cookie opens report pages and nothing else;</li>
 *   <li>a write whose body is not {@code application/json} (what a form or a {@code no-cors} fetch cannot send):
 *       415;</li>
 *   <li>a body larger than the limit, by its {@code Content-Length}: 413 (the API also stops reading there).</li>
 * </ul>
 */
final class RequestGuard implements Filter {
    static final String PATTERN = "/*";
    static final String TOKEN_PARAMETER = "token";
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "DELETE");
    private static final String BEARER = "Bearer ";
    private static final String JSON = "application/json";
    private static final Set<String> PAGE_PATHS = Set.of("/", "/index.html");
    /** Where the report pages are, which a browser opens from the page's links, token in the URL. */
    private static final String REPORTS = "/reports/";
    static final String REPORT_COOKIE = "mosaic-report-token";
    /** What a cookie's value may hold unquoted; another token is never put in a cookie. */
    private static final Pattern COOKIE_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

    private final HttpAccess access;

    RequestGuard(HttpAccess access) {
        this.access = access;
    }

    /**
     * What the guard reads of a request; {@code null} for a header that is absent.
     *
     * @param path          the path, without the query
     * @param reportCookie  the value of the {@value #REPORT_COOKIE} cookie
     * @param contentLength the declared body length, or -1
     * @param localPort     the port the request came in on
     */
    record Request(String method, String path, String host, String origin, String authorization, String queryToken,
                   String reportCookie, String contentType, long contentLength, int localPort) {

        /** A {@code GET} or {@code HEAD}: what opening a page sends. */
        boolean reads() {
            return method.equals("GET") || method.equals("HEAD");
        }

        boolean readsReport() {
            return reads() && path.startsWith(REPORTS);
        }
    }

    /** Why a request is refused: the status and a message for the JSON answer. */
    record Refusal(int status, String message) {
    }

    /** The refusal of {@code request}, or empty when it may pass. */
    Optional<Refusal> check(Request request) {
        if (!METHODS.contains(request.method())) {
            return refuse(405, "method " + request.method() + " is not allowed; this server answers "
                    + String.join(", ", METHODS.stream().sorted().toList()));
        }
        if (request.host() == null || !hostAllowed(request.host(), request.localPort())) {
            return refuse(403, "the Host header names another server; use the URL mosaic serve printed");
        }
        if (request.origin() != null
                && !request.origin().equalsIgnoreCase("http://" + request.host())) {
            return refuse(403, "requests from another origin are refused");
        }
        if (access.token().isPresent() && !tokenGiven(request, access.token().get())) {
            return refuse(401, "an access token is needed: open the URL mosaic serve printed, or send "
                    + "'Authorization: Bearer <token>'");
        }
        if (request.method().equals("POST")) {
            if (!isJson(request.contentType())) {
                return refuse(415, "a request body must be JSON, sent with 'Content-Type: application/json'");
            }
            if (request.contentLength() > access.maxBodyBytes()) {
                return refuse(413, tooLarge(access.maxBodyBytes()));
            }
        }
        return Optional.empty();
    }

    static String tooLarge(int limit) {
        return "the request body is larger than " + limit + " bytes";
    }

    private boolean hostAllowed(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        boolean hasPort = colon > lower.lastIndexOf(']');
        String name = hasPort ? lower.substring(0, colon) : lower;
        String givenPort = hasPort ? lower.substring(colon + 1) : "80";
        return access.hostNames().contains(name) && givenPort.equals(Integer.toString(port));
    }

    private static boolean tokenGiven(Request request, String token) {
        String authorization = request.authorization();
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return same(authorization.substring(BEARER.length()).trim(), token);
        }
        if (request.readsReport() && request.reportCookie() != null && same(request.reportCookie(), token)) {
            return true;
        }
        boolean opened = PAGE_PATHS.contains(request.path()) || request.path().startsWith(REPORTS);
        return request.reads() && opened && request.queryToken() != null && same(request.queryToken(), token);
    }

    /** Compares in constant time, so that the time taken does not tell how much of a guess was right. */
    private static boolean same(String given, String token) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return media.equalsIgnoreCase(JSON);
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        Request checked = new Request(request.getMethod(), request.getRequestURI(), request.getHeader("Host"),
                request.getHeader("Origin"), request.getHeader("Authorization"), queryToken(request),
                reportCookie(request), request.getContentType(), request.getContentLengthLong(),
                request.getLocalPort());
        Optional<Refusal> refusal = check(checked);
        if (refusal.isEmpty()) {
            reportCookie(checked).ifPresent(cookie -> response.addHeader("Set-Cookie", cookie));
            chain.doFilter(request, response);
            return;
        }
        if (refusal.get().status() == 405) {
            response.setHeader("Allow", String.join(", ", METHODS.stream().sorted().toList()));
        }
        if (refusal.get().status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        ApiServlet.error(response, refusal.get().status(), refusal.get().message());
    }

    /**
     * The {@code Set-Cookie} value that lets a report page opened with the token in its URL follow its relative links:
     * present when {@code request} (already checked) read a report with the query token.
     */
    Optional<String> reportCookie(Request request) {
        return access.token().filter(token -> request.readsReport() && request.queryToken() != null
                        && same(request.queryToken(), token) && COOKIE_SAFE.matcher(token).matches())
                .map(token -> REPORT_COOKIE + "=" + token + "; Path=" + REPORTS + "; HttpOnly; SameSite=Strict");
    }

    private static String reportCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(REPORT_COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * The {@value #TOKEN_PARAMETER} query parameter, read from the query string alone (asking the container for a
     * parameter could make it read a form body).
     */
    private static String queryToken(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(TOKEN_PARAMETER + "=")) {
                return pair.substring(TOKEN_PARAMETER.length() + 1);
            }
        }
        return null;
    }
}
