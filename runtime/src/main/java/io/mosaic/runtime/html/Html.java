package io.mosaic.runtime.html;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Text made safe for the places of an HTML page it goes into. */
public final class Html {

    private Html() {
    }

    /**
     * {@code text} as the content of an element or a double-quoted attribute value: {@code & < > "} as character
     * references, every other character (UTF-8 page) as it is.
     */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * {@code script} unchanged, checked to be safe as the content of a {@code <script>} element: the HTML parser ends
     * that element at the first {@code </script} and treats {@code <!--} specially, whatever the script means.
     *
     * @param source names the script in the error
     * @throws IllegalArgumentException when the script holds either
     */
    public static String scriptContent(String script, String source) {
        String lower = script.toLowerCase(Locale.ROOT);
        for (String unsafe : new String[] {"</script", "<!--"}) {
            if (lower.contains(unsafe)) {
                throw new IllegalArgumentException(source + " cannot be inlined in a <script> element: it holds '"
                        + unsafe + "' at offset " + lower.indexOf(unsafe));
            }
        }
        return script;
    }

    /**
     * JSON text as the content of a {@code <script type="application/json">} element: {@code <}, {@code >} and
     * {@code &} become the JSON escapes {@code \u003c}, {@code \u003e}, {@code \u0026}. They can only stand inside
     * JSON strings, where the escape means the same character, so {@code JSON.parse} reads the same value and the
     * text can neither close the element nor open a comment.
     */
    public static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /**
     * A relative path ({@code /}-separated) as the value of a double-quoted {@code href}: each segment
     * percent-encoded (a folder named {@code a#b?c} stays one segment), so the link works wherever the folders are
     * moved together.
     */
    public static String href(String relativePath) {
        return escape(Arrays.stream(relativePath.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/")));
    }
}
