package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.ALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sample given the same stream at every rate (as a sweep gives it) gets nested masks: a position removed at one rate
 * is removed at every higher rate, nothing goes at r = 0, and at r = 1 every removable position of the modalities the
 * protocol removes goes. The reference code re-seeds before each rate and thresholds the same uniforms.
 */
class NestedMasksTest {
    private static final double[] RATES = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final int SAMPLES = 300;

    /**
     * Per protocol: the modalities whose masks follow the rate (nothing removed at r = 0), and those it removes
     * entirely at r = 1 (the time-step protocols take their steps from the text, so audio and vision keep the steps
     * of [CLS] and [SEP]).
     */
    static Stream<Arguments> protocols() {
        Set<Modality> all = EnumSet.allOf(Modality.class);
        Set<Modality> text = EnumSet.of(Modality.TEXT);
        Set<Modality> textAndVision = EnumSet.of(Modality.TEXT, Modality.VISION);
        Set<Modality> audioAndVision = EnumSet.of(Modality.AUDIO, Modality.VISION);
        return Stream.of(
                Arguments.of("rmfm", new RmfmFactory(), Map.of(), UNALIGNED, all, all),
                Arguments.of("rmfm-traditional", new TraditionalRmfmFactory(), Map.of(), UNALIGNED, all, all),
                // a fixed rate leaves audio's mask the same at every rate; the others still nest
                Arguments.of("rmfm-traditional, audio fixed", new TraditionalRmfmFactory(),
                        Map.of("audio-rate", 0.5), UNALIGNED, textAndVision, textAndVision),
                Arguments.of("rmm", new RmmFactory(), Map.of(), UNALIGNED, all, all),
                Arguments.of("smm", new SmmFactory(), Map.of("missing", List.of("audio", "vision")), UNALIGNED, all,
                        audioAndVision),
                Arguments.of("tmfm", new TmfmFactory(), Map.of(), ALIGNED, all, text),
                Arguments.of("stmfm", new StmfmFactory(), Map.of(), ALIGNED, all, text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void masksNestAcrossRatesFromNothingToEverything(String name, ProtocolFactory factory, Map<String, ?> parameters,
                                                     DataSpec data, Set<Modality> swept, Set<Modality> entirelyAtOne) {
        MissingProtocol protocol = create(factory, parameters, data);
        List<SampleLayout> layouts = layouts(data, SAMPLES, 0, 61);
        List<List<SampleMask>> byRate = new ArrayList<>();
        for (double rate : RATES) {
            byRate.add(masks(protocol, layouts, rate, 62));
        }

        for (int i = 0; i < SAMPLES; i++) {
            SampleLayout layout = layouts.get(i);
            for (Modality modality : data.inputs().keySet()) {
                if (swept.contains(modality)) {
                    assertThat(byRate.get(0).get(i).removedCount(modality)).as("sample %d, %s at r = 0", i, modality)
                            .isZero();
                }
                for (int r = 1; r < RATES.length; r++) {
                    for (int t = 0; t < layout.steps(modality); t++) {
                        if (byRate.get(r - 1).get(i).removed(modality, t)) {
                            assertThat(byRate.get(r).get(i).removed(modality, t))
                                    .as("sample %d, %s step %d: removed at r = %s, kept at r = %s", i, modality, t,
                                            RATES[r - 1], RATES[r])
                                    .isTrue();
                        }
                    }
                }
                if (entirelyAtOne.contains(modality)) {
                    assertThat(byRate.get(RATES.length - 1).get(i).removedCount(modality))
                            .as("sample %d, %s at r = 1", i, modality)
                            .isEqualTo(ProtocolFixtures.removable(layout, modality));
                }
            }
        }
        // not nested by accident of removing nothing: the middle rate removes some positions and keeps others
        long middle = byRate.get(5).stream().mapToLong(mask -> mask.removedCount(Modality.VISION)).sum();
        assertThat(middle).isPositive().isLessThan(byRate.get(10).stream()
                .mapToLong(mask -> ProtocolFixtures.removable(mask.layout(), Modality.VISION)).sum());
    }
}
