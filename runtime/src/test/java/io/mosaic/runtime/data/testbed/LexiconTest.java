package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LexiconTest {

    @Test
    void rolesTakeConsecutiveRangesAfterTheSpecialIds() {
        Lexicon lexicon = new Lexicon(new TextLayout(12, 8, 200, 4, 3), 3);

        assertThat(lexicon.positive()).isEqualTo(new WordRange(104, 108));
        assertThat(lexicon.negative()).isEqualTo(new WordRange(108, 112));
        assertThat(lexicon.topic(0)).isEqualTo(new WordRange(112, 115));
        assertThat(lexicon.topic(1)).isEqualTo(new WordRange(115, 118));
        assertThat(lexicon.topic(2)).isEqualTo(new WordRange(118, 121));
        assertThat(lexicon.filler()).isEqualTo(new WordRange(121, 200));
    }

    @Test
    void aRangeKnowsItsMembers() {
        WordRange range = new WordRange(112, 115);

        assertThat(range.size()).isEqualTo(3);
        assertThat(range.contains(111)).isFalse();
        assertThat(range.contains(112)).isTrue();
        assertThat(range.contains(114)).isTrue();
        assertThat(range.contains(115)).isFalse();
    }

    @Test
    void anUnknownDomainHasNoTopic() {
        Lexicon lexicon = new Lexicon(new TextLayout(12, 8, 200, 4, 3), 3);

        assertThatThrownBy(() -> lexicon.topic(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain 3 is outside [0, 3)");
        assertThatThrownBy(() -> new WordRange(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 4)");
    }
}
