package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.SAMPLES;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removable;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removed;
import static io.mosaic.runtime.protocols.ProtocolFixtures.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleMask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Traditional RMFM: one mask per modality, at the rate given or at a fixed rate of its own. */
class TraditionalRmfmTest {
    private static final TraditionalRmfmFactory FACTORY = new TraditionalRmfmFactory();

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.25, 0.6, 1.0})
    void removesEveryModalityAtTheRateGiven(double rate) {
        MissingProtocol traditional = create(FACTORY, Map.of(), UNALIGNED);
        List<SampleMask> masks = masks(traditional, layouts(UNALIGNED, SAMPLES, 0, 21), rate, 22);

        for (Modality modality : Modality.values()) {
            long n = removable(masks, modality);
            assertThat((double) removed(masks, modality) / n).as(modality.id())
                    .isCloseTo(rate, within(tolerance(rate, n)));
        }
    }

    @Test
    void fixedRatesOverrideTheRateGivenPerModality() {
        MissingProtocol traditional = create(FACTORY, Map.of("text-rate", 0.2, "vision-rate", 1.0), UNALIGNED);
        List<SampleMask> masks = masks(traditional, layouts(UNALIGNED, SAMPLES, 0, 23), 0.7, 24);

        Map<Modality, Double> expected = Map.of(Modality.TEXT, 0.2, Modality.AUDIO, 0.7, Modality.VISION, 1.0);
        expected.forEach((modality, rate) -> {
            long n = removable(masks, modality);
            assertThat((double) removed(masks, modality) / n).as(modality.id())
                    .isCloseTo(rate, within(tolerance(rate, n)));
        });
    }

    @Test
    void masksOfTheModalitiesAreIndependent() {
        MissingProtocol traditional = create(FACTORY, Map.of(), ProtocolFixtures.ALIGNED);
        List<SampleMask> masks = masks(traditional, layouts(ProtocolFixtures.ALIGNED, SAMPLES, 0, 25), 0.5, 26);

        // Where text and audio share a position, both go with probability 1/2 · 1/2 (TMFM would give 1/2).
        long shared = 0;
        long both = 0;
        for (SampleMask mask : masks) {
            for (int t = 0; t < mask.layout().length(Modality.TEXT); t++) {
                if (mask.layout().removable(Modality.TEXT, t)) {
                    shared++;
                    both += mask.removed(Modality.TEXT, t) && mask.removed(Modality.AUDIO, t) ? 1 : 0;
                }
            }
        }
        assertThat((double) both / shared).isCloseTo(0.25, within(tolerance(0.25, shared)));
    }

    @Test
    void refusesARateThatIsNeitherGivenNorInTheUnitInterval() {
        assertThatThrownBy(() -> create(FACTORY, Map.of("audio-rate", -0.5), UNALIGNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rmfm-traditional: parameter 'audio-rate' is -1 (the rate given) or a rate in [0, 1], "
                        + "found -0.5");
        assertThatThrownBy(() -> create(FACTORY, Map.of("audio-rate", 1.5), UNALIGNED))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'audio-rate'").hasMessageContaining("out of range [-1.0, 1.0]");
    }

    @Test
    void refusesAFixedRateForAModalityItLeavesOut() {
        assertThatThrownBy(() -> create(FACTORY, Map.of("modalities", List.of("text"), "vision-rate", 0.3),
                UNALIGNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rmfm-traditional: parameter 'vision-rate' fixes a rate for vision, which parameter "
                        + "'modalities' leaves out");
    }
}
