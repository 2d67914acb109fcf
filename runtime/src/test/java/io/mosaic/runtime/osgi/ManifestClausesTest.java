package io.mosaic.runtime.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestClausesTest {

    @Test
    void commasInsideQuotesDoNotSplit() {
        assertThat(ManifestClauses.split("a;version=\"1.0\";uses:=\"b,c\", b;version=\"[1,2)\",c"))
                .containsExactly("a;version=\"1.0\";uses:=\"b,c\"", "b;version=\"[1,2)\"", "c");
    }

    @Test
    void theNameIsTheTextBeforeTheFirstSemicolon() {
        assertThat(ManifestClauses.name("javax.servlet.http;version=\"4.0\"")).isEqualTo("javax.servlet.http");
        assertThat(ManifestClauses.name(" plain ")).isEqualTo("plain");
    }

    @Test
    void anUnbalancedQuoteIsRefused() {
        assertThatThrownBy(() -> ManifestClauses.split("a;uses:=\"b,c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unbalanced quotes in manifest header: a;uses:=\"b,c");
    }
}
