package io.mosaic.runtime.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdamConfigTest {

    @Test
    void defaultsAreTorchs() {
        assertThat(AdamConfig.defaults()).isEqualTo(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.0));
    }

    @Test
    void withersChangeOneField() {
        AdamConfig config = AdamConfig.defaults().withLearningRate(0.1).withBetas(0.8, 0.99).withEpsilon(1e-6)
                .withWeightDecay(0.01);
        assertThat(config).isEqualTo(new AdamConfig(0.1, 0.8, 0.99, 1e-6, 0.01));
    }

    @Test
    void rejectsValuesTorchRejects() {
        assertThatThrownBy(() -> AdamConfig.defaults().withLearningRate(-1e-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning rate must be finite and >= 0, found -0.001");
        assertThatThrownBy(() -> AdamConfig.defaults().withBetas(1.0, 0.999))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beta1 must be in [0, 1), found 1.0");
        assertThatThrownBy(() -> AdamConfig.defaults().withBetas(0.9, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beta2 must be in [0, 1), found NaN");
        assertThatThrownBy(() -> AdamConfig.defaults().withEpsilon(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("epsilon must be");
        assertThatThrownBy(() -> AdamConfig.defaults().withWeightDecay(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("weight decay must be");
    }
}
