package io.mosaic.runtime.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActivationTimeoutTest {

    @Test
    void isTenSecondsUnlessTheSystemPropertySetsOther() {
        assertThat(ActivationTimeout.parse(null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ActivationTimeout.parse("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(ActivationTimeout.format(Duration.ofMillis(2500))).isEqualTo("2.5 s");
        assertThat(ActivationTimeout.format(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThatThrownBy(() -> ActivationTimeout.parse("soon"))
                .hasMessage("mosaic.activation.timeout must be a number of seconds between 0 and 86400, found 'soon'");
        assertThatThrownBy(() -> ActivationTimeout.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
