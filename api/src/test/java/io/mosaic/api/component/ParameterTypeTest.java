package io.mosaic.api.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How values as YAML reads them (Long, Double, Boolean, String, lists) become parameter values. */
class ParameterTypeTest {

    @Test
    void anIntegerAcceptsIntsAndLongsThatFitAnInt() {
        assertThat(ParameterType.INTEGER.coerce(3)).isEqualTo(3);
        assertThat(ParameterType.INTEGER.coerce(3L)).isEqualTo(3);
        assertThat(ParameterType.INTEGER.coerce((long) Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(ParameterType.INTEGER.coerce((long) Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anIntegerRefusesALongThatOverflowsAnInt() {
        assertThatThrownBy(() -> ParameterType.INTEGER.coerce(Integer.MAX_VALUE + 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an integer within [-2147483648, 2147483647], found 2147483648");
        assertThatThrownBy(() -> ParameterType.INTEGER.coerce(3_000_000_000L))
                .hasMessageEndingWith("found 3000000000");
    }

    @Test
    void anIntegerRefusesRealsEvenWhole() {
        assertThatThrownBy(() -> ParameterType.INTEGER.coerce(3.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected an integer, found a number (3.0)");
    }

    @Test
    void aRealAcceptsEveryFiniteNumber() {
        assertThat(ParameterType.REAL.coerce(2L)).isEqualTo(2.0);
        assertThat(ParameterType.REAL.coerce(2)).isEqualTo(2.0);
        assertThat(ParameterType.REAL.coerce(0.25)).isEqualTo(0.25);
        assertThatThrownBy(() -> ParameterType.REAL.coerce(Double.NaN))
                .hasMessage("expected a finite number, found NaN");
        assertThatThrownBy(() -> ParameterType.REAL.coerce(Double.POSITIVE_INFINITY))
                .hasMessage("expected a finite number, found infinity");
        assertThatThrownBy(() -> ParameterType.REAL_LIST.coerce(List.of(0.5, Double.NEGATIVE_INFINITY)))
                .hasMessage("expected a list of numbers, found a list ([0.5, -Infinity])");
    }

    @Test
    void aWrongValueIsQuotedAsAShortFragmentWithControlCharactersEscaped() {
        String file = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin";

        assertThatThrownBy(() -> ParameterType.INTEGER.coerce(file))
                .hasMessage("expected an integer, found a string (root:x:0:0:root:/root:/bin/bash\\ndaemon:x…)");
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
        assertThatThrownBy(() -> ParameterType.INTEGER.coerce("3"))
                .hasMessage("expected an integer, found a string (3)");
        assertThatThrownBy(() -> ParameterType.REAL.coerce(true))
                .hasMessage("expected a number, found a boolean (true)");
        assertThatThrownBy(() -> ParameterType.BOOLEAN.coerce("yes"))
                .hasMessage("expected true or false, found a string (yes)");
        assertThatThrownBy(() -> ParameterType.STRING.coerce(7L))
                .hasMessage("expected a string, found an integer (7)");
        assertThatThrownBy(() -> ParameterType.STRING.coerce(List.of("a")))
                .hasMessage("expected a string, found a list ([a])");
        assertThatThrownBy(() -> ParameterType.STRING.coerce(Map.of("a", 1L)))
                .hasMessage("expected a string, found a mapping ({a=1})");
        assertThatThrownBy(() -> ParameterType.INTEGER.coerce(null))
                .hasMessage("expected an integer, found nothing");
    }

    @Test
    void booleansAndStringsAreTakenAsTheyAre() {
        assertThat(ParameterType.BOOLEAN.coerce(false)).isEqualTo(false);
        assertThat(ParameterType.STRING.coerce("relu")).isEqualTo("relu");
    }

    @Test
    void listsCoerceEveryElement() {
        assertThat(ParameterType.INTEGER_LIST.coerce(List.of(64L, 32L))).isEqualTo(List.of(64, 32));
        assertThat(ParameterType.REAL_LIST.coerce(List.of(1L, 0.5))).isEqualTo(List.of(1.0, 0.5));
        assertThat(ParameterType.STRING_LIST.coerce(List.of("text", "audio"))).isEqualTo(List.of("text", "audio"));
        assertThat(ParameterType.INTEGER_LIST.coerce(List.of())).isEqualTo(List.of());
    }

    @Test
    void aCoercedListCannotBeChanged() {
        List<Object> raw = new ArrayList<>(List.of(1L, 2L));

        @SuppressWarnings("unchecked")
        List<Object> coerced = (List<Object>) ParameterType.INTEGER_LIST.coerce(raw);
        raw.set(0, 9L);

        assertThat(coerced).containsExactly(1, 2);
        assertThatThrownBy(() -> coerced.add(3)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aListWithOneWrongElementIsRefusedWhole() {
        assertThatThrownBy(() -> ParameterType.INTEGER_LIST.coerce(List.of(8L, "x")))
                .hasMessage("expected a list of integers, found a list ([8, x])");
        assertThatThrownBy(() -> ParameterType.INTEGER_LIST.coerce(List.of(8L, 0.5)))
                .hasMessage("expected a list of integers, found a list ([8, 0.5])");
        assertThatThrownBy(() -> ParameterType.STRING_LIST.coerce(Arrays.asList("a", null)))
                .hasMessage("expected a list of strings, found a list ([a, null])");
    }

    @Test
    void aListTypeRefusesASingleValue() {
        assertThatThrownBy(() -> ParameterType.INTEGER_LIST.coerce(64L))
                .hasMessage("expected a list of integers, found an integer (64)");
    }

    @Test
    void idsAreLowerCaseWithHyphens() {
        assertThat(ParameterType.INTEGER.id()).isEqualTo("integer");
        assertThat(ParameterType.REAL_LIST.id()).isEqualTo("real-list");
        assertThat(ParameterType.STRING_LIST.expected()).isEqualTo("a list of strings");
    }
}
