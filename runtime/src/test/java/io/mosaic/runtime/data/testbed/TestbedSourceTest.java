package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.component.ParameterType;
import io.mosaic.runtime.data.Dataset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestbedSourceTest {
    private static final TestbedSource SOURCE = new TestbedSource();

    private static Testbed open(Map<String, Object> values) {
        return (Testbed) SOURCE.open(Parameters.of(SOURCE.parameters(), values), 5);
    }

    @Test
    void declaresThePresetAndTheDomainLists() {
        assertThat(SOURCE.parameters().find("preset").orElseThrow().choices()).containsExactly("tiny", "tiny-aligned",
                "mosi-like", "mosi-aligned", "mosei-like", "meld-like");
        assertThat(SOURCE.parameters().find("train-domains").orElseThrow().type())
                .isEqualTo(ParameterType.INTEGER_LIST);
        assertThat(SOURCE.parameters().find("train-domains").orElseThrow().defaultValue()).isEqualTo(List.of());
        assertThat(SOURCE.parameters().find("test-domains").orElseThrow().defaultValue()).isEqualTo(List.of());
    }

    @Test
    void emptyDomainListsMeanEveryDomain() {
        Dataset dataset = open(Map.of("preset", "meld-like"));

        assertThat(dataset.description()).isEqualTo("testbed meld-like seed 5");
        assertThat(((Testbed) dataset).split("test").domains()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void domainListsSplitTheDomainsBetweenTrainingAndTest() {
        Testbed testbed = open(Map.of("preset", "meld-like", "train-domains", List.of(0, 1, 2),
                "test-domains", List.of(3, 4)));

        assertThat(testbed.split("train").domains()).containsExactly(0, 1, 2);
        assertThat(testbed.split("valid").domains()).containsExactly(0, 1, 2);
        assertThat(testbed.split("test").domains()).containsExactly(3, 4);
        assertThat(open(Map.of("preset", "tiny", "test-domains", List.of(2))).split("train").domains())
                .containsExactly(0, 1, 2);
    }

    @Test
    void unknownAndNegativeDomainsAreRefused() {
        assertThatThrownBy(() -> open(Map.of("preset", "tiny", "train-domains", List.of(0, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("train domain 3 is not a domain of testbed tiny, whose domains are 0 to 2");
        assertThatThrownBy(() -> open(Map.of("preset", "tiny", "test-domains", List.of(-1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test-domains").hasMessageContaining("out of range [0, inf]");
    }

    @Test
    void theUnimodalShiftIsOffByDefaultAndPlantsModalitySpecificScores() {
        assertThat(SOURCE.parameters().find("unimodal-shift").orElseThrow().defaultValue()).isEqualTo(0.0);
        assertThat(open(Map.of("preset", "tiny")).config().planting()).isEqualTo(TestbedConfig.preset("tiny").planting());

        Testbed shifted = open(Map.of("preset", "tiny", "unimodal-shift", 0.75));

        assertThat(shifted.config().planting().unimodalShift()).isEqualTo(0.75);
        assertThat(shifted.description()).isEqualTo("testbed tiny seed 5 (unimodal shift 0.75)");
    }

    @Test
    void aShiftOutsideZeroToThreeIsRefused() {
        assertThatThrownBy(() -> open(Map.of("preset", "tiny", "unimodal-shift", -0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unimodal-shift").hasMessageContaining("out of range [0.0, 3.0]");
        assertThatThrownBy(() -> open(Map.of("preset", "tiny", "unimodal-shift", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unimodal-shift").hasMessageContaining("out of range [0.0, 3.0]");
    }
}
