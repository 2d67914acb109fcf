package io.mosaic.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class ComponentRefTest {

    @Test
    void aBareNameTakesAnyVersion() {
        ComponentRef ref = ComponentRef.parse(" gru ");

        assertThat(ref.name()).isEqualTo("gru");
        assertThat(ref.anyVersion()).isTrue();
        assertThat(ref.versions().includes(new Version(0, 0, 1))).isTrue();
        assertThat(ref.versions().includes(new Version(99, 0, 0))).isTrue();
        assertThat(ref).hasToString("gru");
    }

    @Test
    void aBareVersionMeansThatVersionOrLater() {
        ComponentRef ref = ComponentRef.parse("gru@1.2");

        assertThat(ref.name()).isEqualTo("gru");
        assertThat(ref.anyVersion()).isFalse();
        assertThat(ref.versions().includes(new Version(1, 1, 9))).isFalse();
        assertThat(ref.versions().includes(new Version(1, 2, 0))).isTrue();
        assertThat(ref.versions().includes(new Version(7, 0, 0))).isTrue();
        assertThat(ref).hasToString("gru@1.2.0");
    }

    @Test
    void aRangeIncludesItsFloorAndExcludesAnOpenCeiling() {
        ComponentRef ref = ComponentRef.parse("masked-mean-pool @ [1.0,2.0)");

        assertThat(ref.name()).isEqualTo("masked-mean-pool");
        assertThat(ref.versions().includes(new Version(0, 9, 9))).isFalse();
        assertThat(ref.versions().includes(new Version(1, 0, 0))).isTrue();
        assertThat(ref.versions().includes(new Version(1, 9, 9, "SNAPSHOT"))).isTrue();
        assertThat(ref.versions().includes(new Version(2, 0, 0))).isFalse();
        assertThat(ref).hasToString("masked-mean-pool@[1.0.0,2.0.0)");
    }

    @Test
    void anExactRangeMatchesOneVersionWithItsQualifier() {
        ComponentRef ref = ComponentRef.parse("gru@[0.1.0.SNAPSHOT,0.1.0.SNAPSHOT]");

        assertThat(ref.versions().includes(new Version(0, 1, 0, "SNAPSHOT"))).isTrue();
        assertThat(ref.versions().includes(new Version(0, 1, 0))).isFalse();
    }

    @Test
    void anEqualsSignNamesOneVersionAndAnExactRangeIsWrittenSo() {
        ComponentRef ref = ComponentRef.parse("gru@=0.1.0.SNAPSHOT");

        assertThat(ref.exact()).isTrue();
        assertThat(ref.versions().includes(new Version(0, 1, 0, "SNAPSHOT"))).isTrue();
        assertThat(ref.versions().includes(new Version(0, 1, 0))).isFalse();
        assertThat(ref.versions().includes(new Version(0, 1, 1))).isFalse();
        assertThat(ref).hasToString("gru@=0.1.0.SNAPSHOT");
        assertThat(ComponentRef.parse("gru@[0.1.0.SNAPSHOT,0.1.0.SNAPSHOT]")).isEqualTo(ref);
        assertThat(ComponentRef.exact("gru", new Version(1, 2, 0))).hasToString("gru@=1.2.0");
        assertThat(ComponentRef.parse("gru@[1.0,2.0)").exact()).isFalse();
    }

    @Test
    void aMalformedRangeSaysWhatARangeLooksLike() {
        assertThatThrownBy(() -> ComponentRef.parse("gru@[1.0,2.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'[1.0,2.0' is not a version range; expected e.g. 1.2, [1.0,2.0) or =1.2.0");
        assertThatThrownBy(() -> ComponentRef.parse("gru@=1.x"))
                .hasMessageStartingWith("'=1.x' is not a version range");
        assertThatThrownBy(() -> ComponentRef.parse("gru@latest"))
                .hasMessageStartingWith("'latest' is not a version range");
        assertThatThrownBy(() -> ComponentRef.parse("gru@"))
                .hasMessageStartingWith("'' is not a version range");
    }
}
