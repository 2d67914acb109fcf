package io.mosaic.runtime.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTemplateTest {

    @Test
    void everySlotIsFilledAsOftenAsItAppears() {
        assertThat(HtmlTemplate.fill("<title>{{t}}</title><h1>{{t}}</h1>{{body}}", Map.of("t", "A", "body", "B")))
                .isEqualTo("<title>A</title><h1>A</h1>B");
    }

    @Test
    void filledTextIsNotSearchedForSlots() {
        assertThat(HtmlTemplate.fill("<script>{{js}}</script>", Map.of("js", "x = '{{js}}';")))
                .isEqualTo("<script>x = '{{js}}';</script>");
    }

    @Test
    void aSlotWithoutValueIsRefused() {
        assertThatThrownBy(() -> HtmlTemplate.fill("{{a}}{{b}}", Map.of("a", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{{b}}");
    }

    @Test
    void aValueWithoutSlotIsRefused() {
        assertThatThrownBy(() -> HtmlTemplate.fill("{{a}}", Map.of("a", "", "b", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the template has no slot for [b]");
    }

    @Test
    void anUnclosedSlotIsRefused() {
        assertThatThrownBy(() -> HtmlTemplate.fill("ok {{a", Map.of("a", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 3");
    }
}
