package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainSplitTest {

    @Test
    void allNamesEveryDomainForBothSides() {
        DomainSplit all = DomainSplit.all(4);

        assertThat(all.train()).containsExactly(0, 1, 2, 3);
        assertThat(all.test()).containsExactly(0, 1, 2, 3);
        assertThat(all.isAll(4)).isTrue();
        assertThat(all.isAll(5)).isFalse();
        assertThat(new DomainSplit(List.of(0, 1), List.of(2, 3)).isAll(4)).isFalse();
    }

    @Test
    void emptyDuplicateAndNegativeDomainsAreRejected() {
        assertThatThrownBy(() -> new DomainSplit(List.of(), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train domains must name at least one domain, got none");
        assertThatThrownBy(() -> new DomainSplit(List.of(0), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test domains must name at least one domain, got none");
        assertThatThrownBy(() -> new DomainSplit(List.of(0, 2, 0), List.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train domain 0 is listed twice in [0, 2, 0]");
        assertThatThrownBy(() -> new DomainSplit(List.of(0), List.of(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test domain -1 is negative; domain ids are >= 0");
    }

    @Test
    void aConfigurationRefusesDomainsItDoesNotHave() {
        TestbedConfig meld = TestbedConfig.preset("meld-like");

        assertThatThrownBy(() -> meld.withDomainSplit(new DomainSplit(List.of(0, 1), List.of(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test domain 5 is not a domain of testbed meld-like, whose domains are 0 to 4");
        assertThatThrownBy(() -> TestbedConfig.preset("tiny").withDomainSplit(new DomainSplit(List.of(3), List.of(0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train domain 3 is not a domain of testbed tiny, whose domains are 0 to 2");
    }
}
