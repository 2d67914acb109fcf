package io.mosaic.runtime.data;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.metrics.ScoreStatistics;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unimodal labels of one split by sample id ({@link Sample#modalityScores()}: SIMS' human T/A/V labels, or the
 * testbed's modality-specific scores y_s), and how well labels generated for those samples (ULGM's, mmsa.md section
 * 3.4) agree with them: {@code UnimodalLabels.of(dataset, "train").correlations(generated)}.
 */
public final class UnimodalLabels {

    private final String place;
    private final Map<String, Integer> rows = new HashMap<>();
    private final Map<Modality, double[]> labels = new EnumMap<>(Modality.class);

    private UnimodalLabels(String place) {
        this.place = place;
    }

    /**
     * Reads every sample of the split once (the testbed computes each one).
     *
     * @throws IllegalArgumentException when the dataset has no unimodal labels or no such split
     */
    public static UnimodalLabels of(Dataset dataset, String split) {
        Set<Modality> modalities = dataset.unimodalLabels();
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException(dataset.description() + " has no unimodal labels: a feature file "
                    + "needs regression_labels_T/A/V (as SIMS files have), the testbed always has them");
        }
        Split samples = dataset.split(split);
        UnimodalLabels read = new UnimodalLabels(dataset.description() + ", split '" + split + "'");
        modalities.forEach(modality -> read.labels.put(modality, new double[samples.size()]));
        for (int row = 0; row < samples.size(); row++) {
            Sample sample = samples.sample(row);
            read.rows.put(sample.id(), row);
            for (Map.Entry<Modality, double[]> modality : read.labels.entrySet()) {
                modality.getValue()[row] = sample.modalityScores().get(modality.getKey());
            }
        }
        return read;
    }

    /** The modalities that have labels, in {@link Modality} order. */
    public Set<Modality> modalities() {
        return labels.keySet();
    }

    /**
     * The labels of {@code ids}, in their order.
     *
     * @throws IllegalArgumentException naming the first id the split does not have, or a modality without labels
     */
    public double[] labels(List<String> ids, Modality modality) {
        double[] column = column(modality);
        double[] values = new double[ids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column[row(ids.get(i))];
        }
        return values;
    }

    /**
     * Pearson's r between generated labels and the split's labels of the same samples, over the generated ids (NaN
     * where either side is constant, see {@link ScoreStatistics#pearson}).
     *
     * @param generated sample id → generated label, e.g. an epoch's table of ULGM's labels for {@code modality}
     * @throws IllegalArgumentException for an id the split does not have, fewer than two ids, a value that is not
     *                                  finite, or a modality without labels
     */
    public double correlation(Modality modality, Map<String, ? extends Number> generated) {
        if (generated.size() < 2) {
            throw new IllegalArgumentException("a correlation with the unimodal labels of " + place + " needs at "
                    + "least 2 generated " + modality.id() + " labels, got " + generated.size());
        }
        List<String> ids = List.copyOf(generated.keySet());
        double[] values = new double[ids.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = generated.get(ids.get(i)).doubleValue();
        }
        return ScoreStatistics.pearson(values, labels(ids, modality));
    }

    /**
     * {@link #correlation} per modality of {@code generated}, in {@link Modality} order: what a run reports as the
     * agreement of its generated unimodal labels with the data's.
     */
    public Map<Modality, Double> correlations(Map<Modality, ? extends Map<String, ? extends Number>> generated) {
        Map<Modality, Double> correlations = new EnumMap<>(Modality.class);
        generated.forEach((modality, table) -> correlations.put(modality, correlation(modality, table)));
        return correlations;
    }

    private double[] column(Modality modality) {
        double[] column = labels.get(modality);
        if (column == null) {
            throw new IllegalArgumentException(place + " has no " + modality.id() + " labels; it has "
                    + modalities().stream().map(Modality::id).toList());
        }
        return column;
    }

    private int row(String id) {
        Integer row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException(place + " has no sample " + Fragment.quote(id));
        }
        return row;
    }
}
