package io.mosaic.runtime.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void textIsEscapedForElementsAndAttributes() {
        assertThat(Html.escape("<b> & \"x\" ± Δ")).isEqualTo("&lt;b&gt; &amp; &quot;x&quot; ± Δ");
    }

    @Test
    void jsonCannotCloseItsScriptElementAndParsesToTheSameValue() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("name", "</script><!-- & >"));

        String inline = Html.scriptJson(json);

        assertThat(inline).doesNotContain("<").doesNotContain(">").doesNotContain("&")
                .isEqualTo("{\"name\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e\"}");
        assertThat(new ObjectMapper().readTree(inline).get("name").asText()).isEqualTo("</script><!-- & >");
    }

    @Test
    void aScriptThatWouldEndItsElementIsRefused() {
        assertThatThrownBy(() -> Html.scriptContent("let s = '</SCRIPT>';", "page.js"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page.js cannot be inlined in a <script> element: it holds '</script' at offset 9");
    }

    @Test
    void aScriptThatOpensACommentIsRefused() {
        assertThatThrownBy(() -> Html.scriptContent("if (a <!--b) {}", "page.js"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'<!--'");
    }

    @Test
    void aSafeScriptIsKeptAsItIs() {
        assertThat(Html.scriptContent("if (a < b) { c = '<\\/p>'; }", "page.js"))
                .isEqualTo("if (a < b) { c = '<\\/p>'; }");
    }

    @Test
    void aRelativeLinkKeepsItsFoldersAndEncodesEachName() {
        assertThat(Html.href("../run a#1?/seed-7/report.html")).isEqualTo("../run%20a%231%3F/seed-7/report.html");
        assertThat(Html.href("x\"onclick=\"y/report.html")).isEqualTo("x%22onclick%3D%22y/report.html");
        assertThat(Html.href("baseline[lr=1e-3]/report.html")).isEqualTo("baseline%5Blr%3D1e-3%5D/report.html");
    }
}
