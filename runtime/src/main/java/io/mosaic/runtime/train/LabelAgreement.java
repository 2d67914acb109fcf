package io.mosaic.runtime.train;

import io.mosaic.api.data.Modality;
import io.mosaic.api.objective.SampleTable;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.UnimodalLabels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How well the per-modality labels that stateful objectives generate (ULGM's, mmsa.md §3.4) agree with the data's own
 * unimodal labels of the training split (SIMS' human T/A/V labels, the testbed's planted y_s): Pearson's r per
 * modality, beside the r of the multimodal label with the same unimodal labels, the agreement before any generation.
 * A table column named after a modality holds that modality's generated labels; a column {@value #MULTIMODAL}, the
 * multimodal label.
 */
final class LabelAgreement {
    static final String MULTIMODAL = "multimodal";

    private LabelAgreement() {
    }

    /**
     * Per objective that publishes labels of a modality the data labels: {@code <m>} (generated against the data's)
     * and {@code <m>_multimodal} (the multimodal label against the data's). Empty when the data has no unimodal
     * labels or no objective publishes such a column.
     */
    static Map<String, Map<String, Double>> of(Dataset data, Map<String, StatefulObjective> objectives) {
        Set<Modality> labelled = data.unimodalLabels();
        Map<String, Map<String, Double>> agreement = new LinkedHashMap<>();
        UnimodalLabels labels = null;
        for (Map.Entry<String, StatefulObjective> objective : objectives.entrySet()) {
            Optional<SampleTable> published = objective.getValue().published();
            if (labelled.isEmpty() || published.isEmpty()) {
                continue;
            }
            SampleTable table = published.get();
            int multimodal = table.columns().indexOf(MULTIMODAL);
            Map<String, Double> measures = new LinkedHashMap<>();
            for (Modality modality : labelled) {
                int column = table.columns().indexOf(modality.id());
                if (column < 0) {
                    continue;
                }
                if (labels == null) {
                    labels = UnimodalLabels.of(data, Dataset.TRAIN);
                }
                measures.put(modality.id(), labels.correlation(modality, column(table, column)));
                if (multimodal >= 0) {
                    measures.put(modality.id() + "_" + MULTIMODAL, labels.correlation(modality,
                            column(table, multimodal)));
                }
            }
            if (!measures.isEmpty()) {
                agreement.put(objective.getKey(), measures);
            }
        }
        return agreement;
    }

    private static Map<String, Double> column(SampleTable table, int column) {
        Map<String, Double> values = new LinkedHashMap<>();
        table.rows().forEach((id, row) -> values.put(id, row.get(column)));
        return values;
    }
}
