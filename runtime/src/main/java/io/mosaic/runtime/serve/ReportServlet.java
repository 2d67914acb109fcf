package io.mosaic.runtime.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pages of runs, seed groups and comparisons, under {@value ReportPages#PATTERN} (see {@link ReportPages}); the
 * {@link RequestGuard} has checked the token (which a link from the page carries in its URL) before. A page is
 * self-contained, so it is served with a policy that lets it run its own inline script and style and nothing else:
 * it cannot fetch (the API, or anything), submit a form, or be framed.
 */
final class ReportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Inline script and style (Chart.js is inlined), images as data URLs; no fetch, no form, no frame. */
    static final String POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final transient Supplier<Path> runs;

    ReportServlet(Supplier<Path> runs) {
        this.runs = runs;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] page;
        try {
            page = ReportPages.read(runs.get(), Optional.ofNullable(request.getPathInfo()).orElse(""));
        } catch (ReportPages.NoPage e) {
            ApiServlet.error(response, e.status(), e.getMessage());
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Its URL may hold the access token: no referrer carries it away, no cache keeps it.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
