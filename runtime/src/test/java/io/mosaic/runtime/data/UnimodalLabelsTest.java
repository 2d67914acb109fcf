package io.mosaic.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnimodalLabelsTest {

    /** Four samples: audio labels 1, 2, 3, 4 and vision labels 0.5, −0.5, 0.5, −0.5. */
    private static final Dataset FOUR = new Dataset() {
        @Override
        public String description() {
            return "four samples";
        }

        @Override
        public Map<Modality, FeatureShape> shapes() {
            return Map.of();
        }

        @Override
        public int vocabulary() {
            return 0;
        }

        @Override
        public List<String> splitNames() {
            return List.of(TRAIN);
        }

        @Override
        public Set<Modality> unimodalLabels() {
            return EnumSet.of(Modality.AUDIO, Modality.VISION);
        }

        @Override
        public Split split(String name) {
            return new Split() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public int size() {
                    return 4;
                }

                @Override
                public Sample sample(int index) {
                    Frames frame = new Frames(new float[1], 1, 1, 1);
                    return new Sample("s" + index, 0, 0, null, Map.of(Modality.AUDIO, frame),
                            Map.of(Modality.AUDIO, index + 1f, Modality.VISION, index % 2 == 0 ? 0.5f : -0.5f));
                }
            };
        }
    };

    @Test
    void labelsAreLookedUpById() {
        UnimodalLabels labels = UnimodalLabels.of(FOUR, "train");

        assertThat(labels.modalities()).containsExactly(Modality.AUDIO, Modality.VISION);
        assertThat(labels.labels(List.of("s3", "s0", "s3"), Modality.AUDIO)).containsExactly(4, 1, 4);
        assertThat(labels.labels(List.of("s1"), Modality.VISION)).containsExactly(-0.5);
    }

    @Test
    void theCorrelationIsPearsonsOverTheGeneratedIds() {
        UnimodalLabels labels = UnimodalLabels.of(FOUR, "train");
        Map<String, Double> generated = new LinkedHashMap<>();
        generated.put("s2", 1.0);
        generated.put("s0", 0.0);
        generated.put("s1", 1.0);

        // Audio labels of s2, s0, s1: 3, 1, 2 against 1, 0, 1. Means 2 and 2/3; deviations (1, −1, 0) and
        // (1/3, −2/3, 1/3): Σ products 1, Σ squares 2 and 2/3, r = 1 / √(4/3) = √3/2.
        assertThat(labels.correlation(Modality.AUDIO, generated)).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
        // Vision labels 0.5, 0.5, −0.5: deviations (1/3, 1/3, −2/3); Σ products −1/3, r = −(1/3) / (2/3) = −0.5.
        assertThat(labels.correlations(Map.of(Modality.AUDIO, generated, Modality.VISION, generated)))
                .containsOnlyKeys(Modality.AUDIO, Modality.VISION)
                .hasEntrySatisfying(Modality.VISION, r -> assertThat(r).isCloseTo(-0.5, within(1e-12)));
        assertThat(labels.correlation(Modality.AUDIO, Map.of("s0", 5, "s1", 5))).isNaN();
    }

    @Test
    void unknownIdsMissingModalitiesAndTooFewLabelsAreNamed() {
        UnimodalLabels labels = UnimodalLabels.of(FOUR, "train");

        assertThatThrownBy(() -> labels.labels(List.of("s0", "x".repeat(60)), Modality.AUDIO))
                .hasMessage("four samples, split 'train' has no sample '" + "x".repeat(40) + "…'");
        assertThatThrownBy(() -> labels.labels(List.of("s0"), Modality.TEXT))
                .hasMessage("four samples, split 'train' has no text labels; it has [audio, vision]");
        assertThatThrownBy(() -> labels.correlation(Modality.AUDIO, Map.of("s0", 1.0)))
                .hasMessage("a correlation with the unimodal labels of four samples, split 'train' needs at least 2 "
                        + "generated audio labels, got 1");
    }

    @Test
    void theTestbedsLabelsAreItsModalitySpecificScores() {
        TestbedConfig tiny = TestbedConfig.preset("tiny");
        Testbed shifted = new Testbed(tiny.withPlanting(tiny.planting().withUnimodalShift(0.5)), 3);
        Sample sample = shifted.split("valid").sample(5);

        UnimodalLabels labels = UnimodalLabels.of(shifted, "valid");

        for (Modality modality : Modality.values()) {
            assertThat(labels.labels(List.of(sample.id()), modality))
                    .containsExactly(sample.modalityScores().get(modality));
        }
    }

    @Test
    void dataWithoutUnimodalLabelsIsRefused() {
        Dataset none = new Dataset() {
            @Override
            public String description() {
                return "plain";
            }

            @Override
            public Map<Modality, FeatureShape> shapes() {
                return Map.of();
            }

            @Override
            public int vocabulary() {
                return 0;
            }

            @Override
            public List<String> splitNames() {
                return List.of();
            }

            @Override
            public Split split(String name) {
                throw new AssertionError("not read");
            }
        };

        assertThatThrownBy(() -> UnimodalLabels.of(none, "train")).hasMessage("plain has no unimodal labels: a "
                + "feature file needs regression_labels_T/A/V (as SIMS files have), the testbed always has them");
    }
}
