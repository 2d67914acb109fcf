package io.mosaic.runtime.serve;

import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.html.HtmlTemplate;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The web page, at the root: one HTML file that talks to the {@link ApiServlet}, opened with the access token in its
 * URL ({@code /?token=...}), which its script sends with every call. Chart.js, which draws a running job's curves, is
 * inlined into it as into the reports, so the page needs nothing from the network.
 */
final class PageServlet extends HttpServlet {
    static final String PATTERN = "/";
    private static final long serialVersionUID = 1L;
    private static final String PAGE = "index.html";

    private final byte[] page;

    PageServlet() {
        ChartJs chartJs = ChartJs.load();
        page = HtmlTemplate.fill(HtmlTemplate.resource(PageServlet.class, PAGE), Map.of("chartjs", chartJs.source(),
                "chartjsVersion", chartJs.version())).getBytes(StandardCharsets.UTF_8);
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
