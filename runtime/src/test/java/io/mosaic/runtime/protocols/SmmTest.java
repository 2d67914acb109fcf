package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.SAMPLES;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removed;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removedEntirely;
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

/** SMM: the named modalities of a sample go together with probability r; at r = 1 everywhere. */
class SmmTest {
    private static final SmmFactory FACTORY = new SmmFactory();

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.7, 1.0})
    void removesTheNamedModalitiesTogetherInAShareRateOfSamples(double rate) {
        MissingProtocol smm = create(FACTORY, Map.of("missing", List.of("audio", "vision")), UNALIGNED);
        List<SampleMask> masks = masks(smm, layouts(UNALIGNED, SAMPLES, 3, 61), rate, 62);

        long dropped = masks.stream().filter(mask -> removedEntirely(mask, Modality.AUDIO)).count();
        assertThat((double) dropped / SAMPLES).isCloseTo(rate, within(tolerance(rate, SAMPLES)));
        for (SampleMask mask : masks) {
            assertThat(removedEntirely(mask, Modality.VISION)).isEqualTo(removedEntirely(mask, Modality.AUDIO));
            assertThat(mask.removedCount(Modality.AUDIO) == 0 || removedEntirely(mask, Modality.AUDIO)).isTrue();
        }
        assertThat(removed(masks, Modality.TEXT)).isZero();
    }

    @Test
    void atRateOneTheTextIsUnknownEverywhereButItsSpecialTokens() {
        MissingProtocol smm = create(FACTORY, Map.of("missing", List.of("text")), UNALIGNED);
        List<SampleMask> masks = masks(smm, layouts(UNALIGNED, SAMPLES, 0, 63), 1.0, 64);

        for (SampleMask mask : masks) {
            assertThat(mask.removedCount(Modality.TEXT))
                    .isEqualTo(Math.max(0, mask.layout().length(Modality.TEXT) - 2));
        }
        assertThat(removed(masks, Modality.AUDIO) + removed(masks, Modality.VISION)).isZero();
    }

    @Test
    void needsTheMissingModalities() {
        assertThatThrownBy(() -> create(FACTORY, Map.of(), UNALIGNED))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameter 'missing': required, a list of strings");
        assertThatThrownBy(() -> create(FACTORY, Map.of("missing", List.of()), UNALIGNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("smm: parameter 'missing' names no modality; expected one or more of text, audio, "
                        + "vision");
        assertThatThrownBy(() -> create(FACTORY, Map.of("missing", List.of("video")), UNALIGNED))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameter 'missing': value 'video' is not one of text, audio, vision");
    }
}
