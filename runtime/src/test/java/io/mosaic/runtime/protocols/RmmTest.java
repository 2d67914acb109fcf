package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.SAMPLES;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removable;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removedEntirely;
import static io.mosaic.runtime.protocols.ProtocolFixtures.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleMask;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RMM: whole modalities dropped with probability r, independently of each other. */
class RmmTest {
    private static final RmmFactory FACTORY = new RmmFactory();

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.5, 0.8, 1.0})
    void dropsEachModalityWithProbabilityRateIndependently(double rate) {
        MissingProtocol rmm = create(FACTORY, Map.of(), UNALIGNED);
        // Text length 3 or more: every modality has a removable position, so "dropped" is observable.
        List<SampleMask> masks = masks(rmm, layouts(UNALIGNED, SAMPLES, 3, 31), rate, 32);

        for (Modality modality : Modality.values()) {
            assertThat(share(masks, mask -> removedEntirely(mask, modality))).as(modality.id())
                    .isCloseTo(rate, within(tolerance(rate, SAMPLES)));
        }
        double pair = rate * rate;
        assertThat(share(masks, mask -> removedEntirely(mask, Modality.TEXT) && removedEntirely(mask, Modality.AUDIO)))
                .isCloseTo(pair, within(tolerance(pair, SAMPLES)));
        assertThat(share(masks, mask -> removedEntirely(mask, Modality.AUDIO)
                && removedEntirely(mask, Modality.VISION))).isCloseTo(pair, within(tolerance(pair, SAMPLES)));
        double all = pair * rate;
        assertThat(share(masks, mask -> List.of(Modality.values()).stream().allMatch(m -> removedEntirely(mask, m))))
                .isCloseTo(all, within(tolerance(all, SAMPLES)));
    }

    @Test
    void dropsAModalityWholeOrNotAtAll() {
        MissingProtocol rmm = create(FACTORY, Map.of(), UNALIGNED);
        List<SampleMask> masks = masks(rmm, layouts(UNALIGNED, SAMPLES, 0, 33), 0.5, 34);

        for (SampleMask mask : masks) {
            for (Modality modality : Modality.values()) {
                assertThat(mask.removedCount(modality)).isIn(0, removable(mask.layout(), modality));
            }
        }
    }

    @Test
    void leavesModalitiesItDoesNotTouch() {
        MissingProtocol rmm = create(FACTORY, Map.of("modalities", List.of("text", "vision")), UNALIGNED);
        List<SampleMask> masks = masks(rmm, layouts(UNALIGNED, SAMPLES, 3, 35), 0.6, 36);

        assertThat(ProtocolFixtures.removed(masks, Modality.AUDIO)).isZero();
        assertThat(share(masks, mask -> removedEntirely(mask, Modality.VISION)))
                .isCloseTo(0.6, within(tolerance(0.6, SAMPLES)));
    }

    private static double share(List<SampleMask> masks, Predicate<SampleMask> condition) {
        return (double) masks.stream().filter(condition).count() / masks.size();
    }
}
