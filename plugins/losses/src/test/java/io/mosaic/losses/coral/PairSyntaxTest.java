package io.mosaic.losses.coral;

import static io.mosaic.api.data.Modality.AUDIO;
import static io.mosaic.api.data.Modality.TEXT;
import static io.mosaic.api.data.Modality.VISION;
import static io.mosaic.losses.coral.CoralPair.Kind.ALIGN;
import static io.mosaic.losses.coral.CoralPair.Kind.PRIVATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's Table II syntax: every row of Table II, and strings that are not in it. */
class PairSyntaxTest {

    /** The 16 rows of Table II, each read back as written. */
    @ParameterizedTest
    @ValueSource(strings = {"V-A", "T-A", "T-V", "V+A", "T+A", "T+V", "T-V/T-A", "T+V/T+A", "T+V/T-A", "T-V/T+A",
        "T-A/V-A", "T-V/V+A", "T-A/V+A", "T-V/T-A/A-V", "T+A/T+V/A+V", "T-A/T-V/V+A"})
    void readsEveryRowOfTableTwo(String row) {
        List<CoralPair> pairs = PairSyntax.parse(row);

        assertThat(String.join("/", pairs.stream().map(CoralPair::toString).toList())).isEqualTo(row);
        assertThat(pairs).hasSize(row.split("/").length);
    }

    @Test
    void readsLettersAsModalitiesAndTheSignAsAlignOrPrivate() {
        assertThat(PairSyntax.parse("T-V/V+A")).containsExactly(new CoralPair(TEXT, VISION, ALIGN),
                new CoralPair(VISION, AUDIO, PRIVATE));
        assertThat(PairSyntax.parse("T-A/T-V/A-V")).containsExactly(new CoralPair(TEXT, AUDIO, ALIGN),
                new CoralPair(TEXT, VISION, ALIGN), new CoralPair(AUDIO, VISION, ALIGN));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "T|character 2: expected '-' (align) or '+' (private), the string ends",
        "T-|character 3: expected T, A or V, the string ends",
        "T-V/|character 5: expected T, A or V, the string ends",
        "/T-V|character 1: expected T, A or V, found '/'",
        "T-V//V+A|character 5: expected T, A or V, found '/'",
        "T-VA|character 4: expected '/' between pairs or the end, found 'A'",
        "T*V|character 2: expected '-' (align) or '+' (private), found '*'",
        "X-V|character 1: expected T, A or V, found 'X'",
        "t-v|character 1: expected T, A or V, found 't'",
        "' T-V'|character 1: expected T, A or V, found ' '",
        "'T-V '|character 4: expected '/' between pairs or the end, found ' '",
        "T-V, V+A|character 4: expected '/' between pairs or the end, found ','",
        "T-T|pair 'T-T' joins text with itself",
        "A+A/T-V|pair 'A+A' joins audio with itself",
        "T-V/V-T|pair 2 'V-T' joins the modalities of pair 'T-V' again",
        "T-V/T+V|pair 2 'T+V' joins the modalities of pair 'T-V' again",
        "T-A/T-V/A-V/V-A|pair 4 'V-A' joins the modalities of pair 'A-V' again"})
    void refusesMalformedStringsSayingWhereAndWhatWasExpected(String text, String problem) {
        assertThatThrownBy(() -> PairSyntax.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(problem)
                .hasMessageEndingWith(PairSyntax.EXPECTED);
    }

    @Test
    void refusesTheEmptyString() {
        assertThatThrownBy(() -> PairSyntax.parse("")).hasMessage("is empty; " + PairSyntax.EXPECTED);
    }

    @Test
    void quotesOneCharacterAtMostAndEscapesControlCharacters() {
        String hostile = "T-V/\u001b[31m" + "x".repeat(10_000);

        assertThatThrownBy(() -> PairSyntax.parse(hostile))
                .hasMessageStartingWith("character 5: expected T, A or V, found '\\u001b'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("xx").doesNotContain("\u001b"));
    }
}
