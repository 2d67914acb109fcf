package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.ALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removable;
import static io.mosaic.runtime.protocols.ProtocolFixtures.trainingMasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import io.mosaic.runtime.registry.ComponentRegistry;
import io.mosaic.runtime.registry.HostComponents;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/** What every built-in protocol shares: names, registration, determinism, and what none of them may remove. */
class BuiltInProtocolsTest {
    private static final List<String> NAMES = List.of("rmfm", "rmfm-traditional", "smm", "rmm", "tmfm", "stmfm");
    /** The missing protocols, then the noise protocol (tested in {@link GaussianNoiseTest}). */
    private static final List<String> ALL = List.of("rmfm", "rmfm-traditional", "smm", "rmm", "tmfm", "stmfm",
            "gaussian-noise");

    /** Every built-in missing protocol with parameters that touch every modality. */
    static Stream<String> protocols() {
        return NAMES.stream();
    }

    @Test
    void namesTheSixProtocolsOfCiderAndTheNoiseProtocol() {
        Map<String, ProtocolFactory> factories = BuiltInProtocols.factories();

        assertThat(factories.keySet()).containsExactlyElementsOf(ALL);
        factories.forEach((name, factory) -> assertThat(factory.parameters().find(name.equals("smm") ? "missing"
                : "modalities")).as(name).isPresent());
    }

    @Test
    void registersEveryProtocolAsAHostComponent(@TempDir Path storage) throws Exception {
        Framework framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE,
                storage.toString()));
        framework.start();
        try (ComponentRegistry registry = new ComponentRegistry(framework.getBundleContext())) {
            BuiltInProtocols.register(framework.getBundleContext());

            List<RegisteredComponent> protocols = registry.ofKind(ComponentKind.PROTOCOL);
            assertThat(protocols).extracting(RegisteredComponent::name)
                    .containsExactlyInAnyOrderElementsOf(ALL);
            assertThat(protocols).extracting(RegisteredComponent::bundle).containsOnly(HostComponents.PROVIDER);
            assertThat(protocols).allSatisfy(component -> assertThat(component.factory())
                    .isInstanceOf(BuiltInProtocols.factories().get(component.name()).getClass()));
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void theSameSeedGivesTheSameMasksAndAnotherSeedOthers(String name) {
        MissingProtocol protocol = protocol(name);
        List<SampleLayout> layouts = layouts(ALIGNED, 200, 0, 71);

        assertThat(patterns(masks(protocol, layouts, 0.5, 72))).isEqualTo(patterns(masks(protocol, layouts, 0.5, 72)))
                .isNotEqualTo(patterns(masks(protocol, layouts, 0.5, 73)));
        assertThat(patterns(trainingMasks(protocol, layouts, 74))).isEqualTo(patterns(trainingMasks(protocol,
                layouts, 74))).isNotEqualTo(patterns(trainingMasks(protocol, layouts, 75)));
    }

    /**
     * At rate 1 every protocol removes exactly the removable positions; the temporal ones remove time steps, so they
     * also keep the positions of the text's [CLS] and [SEP] in audio and vision.
     */
    @ParameterizedTest
    @MethodSource("protocols")
    void atRateOneRemovesEveryPositionButSpecialTokensAndPadding(String name) {
        boolean temporal = name.equals("tmfm") || name.equals("stmfm");
        List<SampleMask> masks = masks(protocol(name), layouts(ALIGNED, 500, 0, 76), 1.0, 77);

        for (SampleMask mask : masks) {
            SampleLayout layout = mask.layout();
            for (Modality modality : Modality.values()) {
                for (int t = 0; t < layout.steps(modality); t++) {
                    boolean expected = layout.removable(modality, t)
                            && (!temporal || layout.removable(Modality.TEXT, t));
                    assertThat(mask.removed(modality, t)).as("%s %s position %d of %s", name, modality, t, layout)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void atRateZeroRemovesNothing(String name) {
        List<SampleMask> masks = masks(protocol(name), layouts(ALIGNED, 500, 0, 78), 0.0, 79);

        for (Modality modality : Modality.values()) {
            assertThat(ProtocolFixtures.removed(masks, modality)).isZero();
            assertThat(removable(masks, modality)).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void refusesARateOutsideTheUnitInterval(String name) {
        MissingProtocol protocol = protocol(name);
        SampleLayout layout = layouts(ALIGNED, 1, 5, 80).get(0);

        assertThatThrownBy(() -> protocol.mask(layout, 1.5, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a missing rate is in [0, 1], found 1.5");
        assertThatThrownBy(() -> protocol.mask(layout, Double.NaN, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a missing rate is in [0, 1], found NaN");
    }

    @Test
    void refusesModalitiesTheDataLacksOrAnEmptyList() {
        DataSpec textAndAudio = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(50, 8), Modality.AUDIO,
                FeatureShape.sequence(50, 5)), 30522, Task.REGRESSION);
        RmmFactory rmm = new RmmFactory();

        assertThatThrownBy(() -> create(rmm, Map.of(), textAndAudio))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rmm: parameter 'modalities' names vision, but the data has only text, audio");
        assertThatThrownBy(() -> create(rmm, Map.of("modalities", List.of()), UNALIGNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rmm: parameter 'modalities' names no modality; expected one or more of text, audio, "
                        + "vision");
        assertThat(create(rmm, Map.of("modalities", List.of("text", "audio")), textAndAudio)).isNotNull();
    }

    @Test
    void temporalProtocolsNeedTheTextToPlaceTimeSteps() {
        DataSpec audioAndVision = new DataSpec(Map.of(Modality.AUDIO, FeatureShape.sequence(50, 5),
                Modality.VISION, FeatureShape.sequence(50, 3)), 0, Task.REGRESSION);

        assertThatThrownBy(() -> create(new TmfmFactory(), Map.of("modalities", List.of("audio")), audioAndVision))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tmfm takes its time steps from the text's positions, but the data has no text, only "
                        + "audio, vision");
    }

    private static MissingProtocol protocol(String name) {
        ProtocolFactory factory = BuiltInProtocols.factories().get(name);
        Map<String, ?> parameters = name.equals("smm") ? Map.of("missing", List.of("text", "audio", "vision"))
                : Map.of();
        return create(factory, parameters, ALIGNED);
    }

    /** Every mask as text: the removed positions of each modality. */
    private static List<String> patterns(List<SampleMask> masks) {
        return masks.stream().map(mask -> {
            StringBuilder pattern = new StringBuilder();
            for (Modality modality : Modality.values()) {
                pattern.append(modality.id()).append(':');
                for (int t = 0; t < mask.layout().steps(modality); t++) {
                    pattern.append(mask.removed(modality, t) ? '1' : '0');
                }
            }
            return pattern.toString();
        }).toList();
    }
}
