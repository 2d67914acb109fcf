package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpAccessTest {

    @Test
    void aTokenIsFortyEightRandomHexDigits() {
        String token = HttpAccess.newToken();

        assertThat(token).matches("[0-9a-f]{48}");
        assertThat(HttpAccess.newToken()).isNotEqualTo(token);
    }

    @Test
    void noTokenIsRefusedBeyondLoopback() {
        assertThat(HttpAccess.of("127.0.0.1", Optional.empty(), Optional.empty()).token()).isEmpty();
        assertThatThrownBy(() -> HttpAccess.of("0.0.0.0", Optional.empty(), Optional.empty()))
                .hasMessage("--no-token is only allowed on a loopback address (127.0.0.1, localhost, ::1), not on "
                        + "0.0.0.0");
    }

    @Test
    void theHostNamesAreTheLoopbackOnesAndTheBoundAddress() {
        assertThat(HttpAccess.hostNames("127.0.0.1")).containsExactlyInAnyOrder("localhost", "127.0.0.1", "[::1]");
        assertThat(HttpAccess.hostNames("::1")).contains("[::1]");
        assertThat(HttpAccess.hostNames("0.0.0.0")).contains("localhost", "0.0.0.0");
    }
}
