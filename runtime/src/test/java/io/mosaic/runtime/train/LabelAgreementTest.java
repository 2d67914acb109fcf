package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mosaic.api.model.TrainingSplit;
import io.mosaic.api.objective.SampleTable;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.data.FourSamples;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelAgreementTest {

    /** An objective that only publishes {@code table}. */
    private static StatefulObjective publishing(SampleTable table) {
        return new StatefulObjective() {
            @Override
            public Set<String> taps() {
                return Set.of();
            }

            @Override
            public NDArray loss(Views views) {
                throw new AssertionError("LabelAgreement reads only the published table");
            }

            @Override
            public void fit(TrainingSplit split) {
            }

            @Override
            public void update(Views views, int epoch) {
            }

            @Override
            public NDList state(NDManager manager) {
                return new NDList();
            }

            @Override
            public void restore(NDList state) {
            }

            @Override
            public Optional<SampleTable> published() {
                return Optional.ofNullable(table);
            }
        };
    }

    /**
     * The data labels audio 1, 2, 3, 4 and vision ±0.5; generated audio 1, 2, 3, 5 and vision 1, −1, 1, −1;
     * multimodal 4, 3, 2, 1. By hand: r(audio) = 6.5 / √(8.75 · 5) = 0.98271, r(vision) = 1, r(multimodal, audio) =
     * −1, r(multimodal, vision) = 1 / √5 = 0.44721. Text has a column but no data labels, so it is left out.
     */
    @Test
    void correlatesEachGeneratedColumnAndTheMultimodalLabelWithTheDatasLabels() {
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        rows.put("s0", List.of(4.0, 0.3, 1.0, 1.0));
        rows.put("s1", List.of(3.0, 0.1, 2.0, -1.0));
        rows.put("s2", List.of(2.0, 0.2, 3.0, 1.0));
        rows.put("s3", List.of(1.0, 0.4, 5.0, -1.0));
        SampleTable table = new SampleTable(List.of("multimodal", "text", "audio", "vision"), rows);

        Map<String, Map<String, Double>> agreement = LabelAgreement.of(FourSamples.DATASET,
                Map.of("ulgm", publishing(table)));

        Map<String, Double> ulgm = agreement.get("ulgm");
        assertThat(ulgm).containsOnlyKeys("audio", "audio_multimodal", "vision", "vision_multimodal");
        assertThat(ulgm.get("audio")).isCloseTo(6.5 / Math.sqrt(8.75 * 5), within(1e-12));
        assertThat(ulgm.get("vision")).isCloseTo(1.0, within(1e-12));
        assertThat(ulgm.get("audio_multimodal")).isCloseTo(-1.0, within(1e-12));
        assertThat(ulgm.get("vision_multimodal")).isCloseTo(1 / Math.sqrt(5), within(1e-12));
    }

    @Test
    void objectivesThatPublishNoLabelsOfALabelledModalityReportNothing() {
        SampleTable other = new SampleTable(List.of("weight"), Map.of("s0", List.of(1.0), "s1", List.of(2.0)));

        assertThat(LabelAgreement.of(FourSamples.DATASET, Map.of("a", publishing(null), "b", publishing(other))))
                .isEmpty();
    }
}
