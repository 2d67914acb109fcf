package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void thePopulationDeviationDividesByN() {
        // mean 5; squared deviations 9, 1, 1, 9, sum 20; 20 / 4 = 5 (ddof 0), not 20 / 3.
        MeanStd result = MeanStd.of(List.of(2.0, 4.0, 6.0, 8.0));

        assertThat(result.mean()).isEqualTo(5.0);
        assertThat(result.std()).isCloseTo(Math.sqrt(5.0), within(1e-12));
        assertThat(result.n()).isEqualTo(4);
    }

    @Test
    void oneSeedHasNoSpread() {
        assertThat(MeanStd.of(List.of(0.7))).isEqualTo(new MeanStd(0.7, 0.0, 1));
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> MeanStd.of(List.of())).hasMessage("a mean needs at least one value");
    }
}
