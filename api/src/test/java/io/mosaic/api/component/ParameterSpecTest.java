package io.mosaic.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {

    private static ParameterSpec spec(ParameterType type, Object defaultValue, Double min, Double max,
                                      List<String> choices) {
        return new ParameterSpec("p", type, defaultValue, min, max, choices, "A parameter.");
    }

    @Test
    void aParameterWithoutDefaultIsRequired() {
        assertThat(spec(ParameterType.INTEGER, null, null, null, List.of()).required()).isTrue();
        assertThat(spec(ParameterType.INTEGER, 3, null, null, List.of()).required()).isFalse();
    }

    @Test
    void theDefaultIsCoercedToTheType() {
        assertThat(spec(ParameterType.INTEGER, 3L, null, null, List.of()).defaultValue()).isEqualTo(3);
        assertThat(spec(ParameterType.REAL, 1, null, null, List.of()).defaultValue()).isEqualTo(1.0);
    }

    @Test
    void aDefaultOutsideItsRangeOrChoicesIsADeclarationError() {
        assertThatThrownBy(() -> spec(ParameterType.INTEGER, 0, 1.0, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("default of parameter 'p' value 0 is out of range");
        assertThatThrownBy(() -> spec(ParameterType.STRING, "max", null, null, List.of("mean", "last")))
                .hasMessage("default of parameter 'p' value 'max' is not one of mean, last");
        assertThatThrownBy(() -> spec(ParameterType.INTEGER, "3", null, null, List.of()))
                .hasMessage("expected an integer, found a string (3)");
    }

    @Test
    void boundsAreInclusive() {
        ParameterSpec dropout = spec(ParameterType.REAL, 0.0, 0.0, 0.99, List.of());

        assertThat(dropout.accept(0.0)).isEqualTo(0.0);
        assertThat(dropout.accept(0.99)).isEqualTo(0.99);
        assertThatThrownBy(() -> dropout.accept(-1e-9)).hasMessageStartingWith("value -1.0E-9 is out of range");
        assertThatThrownBy(() -> dropout.accept(0.991)).hasMessageStartingWith("value 0.991 is out of range");
    }

    @Test
    void everyElementOfANumberListIsChecked() {
        ParameterSpec widths = spec(ParameterType.INTEGER_LIST, List.of(64), 1.0, null, List.of());

        assertThat(widths.accept(List.of(8L, 1L))).isEqualTo(List.of(8, 1));
        assertThatThrownBy(() -> widths.accept(List.of(8L, 0L))).hasMessageStartingWith("value 0 is out of range");
    }

    @Test
    void choicesRestrictAStringAndEveryElementOfAStringList() {
        ParameterSpec pool = spec(ParameterType.STRING, "mean", null, null, List.of("mean", "last"));
        ParameterSpec modalities = spec(ParameterType.STRING_LIST, List.of("text"), null, null,
                List.of("text", "audio", "vision"));

        assertThat(pool.accept("last")).isEqualTo("last");
        assertThatThrownBy(() -> pool.accept("max")).hasMessage("value 'max' is not one of mean, last");
        assertThat(modalities.accept(List.of("audio", "text"))).isEqualTo(List.of("audio", "text"));
        assertThatThrownBy(() -> modalities.accept(List.of("text", "smell")))
                .hasMessage("value 'smell' is not one of text, audio, vision");
    }

    @Test
    void theConstraintIsWrittenAsARangeOrTheChoices() {
        assertThat(spec(ParameterType.INTEGER, 1, 1.0, 4096.0, List.of()).constraint()).contains("[1, 4096]");
        assertThat(spec(ParameterType.INTEGER_LIST, null, 1.0, null, List.of()).constraint()).contains("[1, inf]");
        assertThat(spec(ParameterType.REAL, 0.1, 0.0, 0.99, List.of()).constraint()).contains("[0.0, 0.99]");
        assertThat(spec(ParameterType.REAL, 0.1, null, 0.5, List.of()).constraint()).contains("[-inf, 0.5]");
        assertThat(spec(ParameterType.STRING, "a", null, null, List.of("a", "b")).constraint())
                .contains("one of a, b");
        assertThat(spec(ParameterType.BOOLEAN, true, null, null, List.of()).constraint()).isEmpty();
    }
}
