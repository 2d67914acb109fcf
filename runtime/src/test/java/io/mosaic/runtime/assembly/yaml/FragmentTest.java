package io.mosaic.runtime.assembly.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FragmentTest {

    @Test
    void aShortValueIsQuotedWhole() {
        assertThat(Fragment.quote("concatt")).isEqualTo("'concatt'");
    }

    @Test
    void aLongValueIsCutAtFortyCharactersWithAnEllipsis() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

        assertThat(Fragment.quote(passwd)).isEqualTo("'root:x:0:0:root:/root:/bin/bash\\ndaemon:x…'");
    }

    @Test
    void controlAndInvisibleCharactersAreEscaped() {
        assertThat(Fragment.of("a\tb\rc\u001b[31md\u202ee")).isEqualTo("a\\tb\\rc\\u001b[31md\\u202ee");
    }

    @Test
    void charactersOutsideTheBasicPlaneCountOnceAndAreNotSplit() {
        String emoji = "\uD83D\uDE00".repeat(41);

        assertThat(Fragment.of(emoji)).isEqualTo("\uD83D\uDE00".repeat(40) + "…");
    }

    @Test
    void aLibraryMessageIsBoundedToTwoHundredCharacters() {
        assertThat(Fragment.bounded("x".repeat(10_000))).hasSize(201).endsWith("…");
    }
}
