package io.mosaic.runtime.serve;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web page, at the root: one HTML file that talks to the {@link ApiServlet}, opened with the access token in its
 * URL ({@code /?token=...}), which its script sends with every call.
 */
final class PageServlet extends HttpServlet {
    static final String PATTERN = "/";
    private static final long serialVersionUID = 1L;
    private static final String PAGE = "index.html";

    private final byte[] page;

    PageServlet() {
        try (InputStream in = PageServlet.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("the runtime jar lacks its web page " + PAGE);
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page " + PAGE, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!path.equals("/") && !path.equals("/" + PAGE) && !path.isEmpty()) {
            response.sendError(404, "no such page: " + path);
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        // Its URL holds the access token: no referrer carries it away, no other page frames it, no cache keeps it.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(page);
    }
}
