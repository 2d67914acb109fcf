package io.mosaic.runtime.compare.report;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills the slots {@code {{name}}} of a template with text, in one pass over the template: the filled-in text is
 * never searched for slots, so a script that happens to hold {@code {{} stays as it is.
 */
final class HtmlTemplate {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    private HtmlTemplate() {
    }

    /**
     * @throws IllegalArgumentException when the template has a slot that {@code values} does not fill, or
     *                                  {@code values} fills a slot that the template does not have
     */
    static String fill(String template, Map<String, String> values) {
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
