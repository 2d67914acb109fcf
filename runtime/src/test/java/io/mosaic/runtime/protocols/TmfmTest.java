package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.ALIGNED;
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

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleMask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TMFM: time steps of aligned data removed at rate r, from every modality at once. */
class TmfmTest {
    private static final TmfmFactory FACTORY = new TmfmFactory();

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.2, 0.5, 0.75, 1.0})
    void removesTheSameTimeStepsFromEveryModalityAtTheRate(double rate) {
        MissingProtocol tmfm = create(FACTORY, Map.of(), ALIGNED);
        List<SampleMask> masks = masks(tmfm, layouts(ALIGNED, SAMPLES, 0, 41), rate, 42);

        long n = removable(masks, Modality.TEXT);
        assertThat((double) removed(masks, Modality.TEXT) / n).isCloseTo(rate, within(tolerance(rate, n)));
        for (SampleMask mask : masks) {
            for (int t = 0; t < 50; t++) {
                assertThat(mask.removed(Modality.AUDIO, t)).isEqualTo(mask.removed(Modality.TEXT, t));
                assertThat(mask.removed(Modality.VISION, t)).isEqualTo(mask.removed(Modality.TEXT, t));
            }
        }
    }

    @Test
    void keepsTheTextsSpecialPositionsInTheOtherModalities() {
        MissingProtocol tmfm = create(FACTORY, Map.of("modalities", List.of("audio", "vision")), ALIGNED);
        List<SampleMask> masks = masks(tmfm, layouts(ALIGNED, SAMPLES, 2, 43), 1.0, 44);

        assertThat(removed(masks, Modality.TEXT)).isZero();
        for (SampleMask mask : masks) {
            int length = mask.layout().length(Modality.AUDIO);
            assertThat(mask.removedCount(Modality.AUDIO)).isEqualTo(length - 2);
            assertThat(mask.removed(Modality.AUDIO, 0)).isFalse();
            assertThat(mask.removed(Modality.AUDIO, length - 1)).isFalse();
            assertThat(mask.removedCount(Modality.VISION)).isEqualTo(length - 2);
        }
    }

    @Test
    void refusesUnalignedData() {
        assertThatThrownBy(() -> create(FACTORY, Map.of(), UNALIGNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tmfm needs word-aligned data such as MMSA's aligned_50 files, where every modality has "
                        + "the text's positions; the data has positions text 50, audio 60, vision 40");
    }
}
