package io.mosaic.runtime.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills the slots {@code {{name}}} of a template with text, in one pass over the template: the filled-in text is
 * never searched for slots, so a script that happens to hold {@code {{} stays as it is.
 */
public final class HtmlTemplate {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    /** The reports' common style sheet, for a {@code <style>} element. */
    private static final String STYLE = "report.css";
    /** The reports' common chart helpers ({@code ReportCharts}), inlined before each page's script. */
    private static final String CHARTS = "report-charts.js";

    private HtmlTemplate() {
    }

    /** The reports' common style sheet. */
    public static String style() {
        return resource(HtmlTemplate.class, STYLE);
    }

    /**
     * The page script {@code name} next to class {@code owner}, after the reports' common chart helpers, as the
     * content of one {@code <script>} element.
     *
     * @throws IllegalArgumentException when either cannot be inlined (see {@link Html#scriptContent})
     */
    public static String script(Class<?> owner, String name) {
        return Html.scriptContent(resource(HtmlTemplate.class, CHARTS) + "\n" + resource(owner, name), name);
    }

    /**
     * The text of the resource {@code name} next to class {@code owner} (a template, a script).
     *
     * @throws IllegalStateException when the class path lacks it
     */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report resource " + name, e);
        }
    }

    /**
     * @throws IllegalArgumentException when the template has a slot that {@code values} does not fill, or
     *                                  {@code values} fills a slot that the template does not have
     */
    public static String fill(String template, Map<String, String> values) {
        StringBuilder page = new StringBuilder(template.length()
                + values.values().stream().mapToInt(String::length).sum());
        Set<String> used = new HashSet<>();
        int from = 0;
        for (int open = template.indexOf(OPEN); open >= 0; open = template.indexOf(OPEN, from)) {
            int close = template.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("the template's slot at offset " + open + " is not closed with "
                        + CLOSE);
            }
            String name = template.substring(open + OPEN.length(), close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the template has the slot {{" + name + "}}, which is not "
                        + "filled; filled slots: " + values.keySet());
            }
            page.append(template, from, open).append(value);
            used.add(name);
            from = close + CLOSE.length();
        }
        if (!used.containsAll(values.keySet())) {
            Set<String> unused = new HashSet<>(values.keySet());
            unused.removeAll(used);
            throw new IllegalArgumentException("the template has no slot for " + unused);
        }
        return page.append(template, from, template.length()).toString();
    }
}
