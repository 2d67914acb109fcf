package io.mosaic.losses.ulgm;

import io.mosaic.api.objective.SampleTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ULGM's memories over the training split (mmsa.md §3.4), keyed by sample id: the multimodal label y^f (the human
 * label, never changed), a generated label y^s per unimodal modality s (initially y^f), and a feature memory for
 * the fusion and for each modality. Plain Java values: they never train, and the same updates give the same bits.
 */
final class LabelMemory {
    /** ε of MMSA's code, in both quotients of step 4. */
    static final double EPSILON = 1e-8;
    static final String MULTIMODAL = "multimodal";

    private final Generation generation;
    private final List<String> modalities;
    private final List<String> ids;
    private final Map<String, Integer> rows = new HashMap<>();
    private final double[] multimodal;
    private final double[][] generated;
    /** The fusion's feature memory, then each modality's; {@code null} until a batch gives their widths. */
    private FeatureMemory[] features;

    /**
     * The memories before training: every generated label is the multimodal one, no feature is stored.
     *
     * @param modalities the unimodal modalities s, in order
     * @param ids        the training split's sample ids
     * @param labels     their multimodal labels
     * @throws IllegalArgumentException when an id repeats
     */
    LabelMemory(Generation generation, List<String> modalities, List<String> ids, double[] labels) {
        this.generation = generation;
        this.modalities = List.copyOf(modalities);
        this.ids = List.copyOf(ids);
        for (int row = 0; row < this.ids.size(); row++) {
            if (rows.put(this.ids.get(row), row) != null) {
                throw new IllegalArgumentException("sample id " + this.ids.get(row) + " occurs twice in the "
                        + "training split; ULGM keys its memories by sample id");
            }
        }
        this.multimodal = labels.clone();
        this.generated = new double[modalities.size()][];
        for (int s = 0; s < generated.length; s++) {
            generated[s] = labels.clone();
        }
    }

    int size() {
        return ids.size();
    }

    double[] multimodal() {
        return multimodal.clone();
    }

    /** The generated labels, one row per modality s. */
    double[][] generated() {
        double[][] copy = new double[generated.length][];
        for (int s = 0; s < generated.length; s++) {
            copy[s] = generated[s].clone();
        }
        return copy;
    }

    /** Replaces the generated labels with {@code labels}, one row of N per modality s. */
    void restoreGenerated(double[][] labels) {
        for (int s = 0; s < generated.length; s++) {
            generated[s] = labels[s].clone();
        }
    }

    /** The feature memories (the fusion's first), or none before the first update. */
    List<FeatureMemory> features() {
        return features == null ? List.of() : List.of(features);
    }

    /** Replaces the feature memories (the fusion's first, then one per modality) and recomputes the centres. */
    void restoreFeatures(List<FeatureMemory> memories) {
        features = memories.toArray(FeatureMemory[]::new);
        recentre();
    }

    /**
     * The generated labels of modality {@code s} for a batch; a sample outside the training split (validation, test)
     * has none, and gets its multimodal label {@code fallback[i]}, so its unimodal terms weigh tanh(0) = 0.
     */
    double[] generated(int s, List<String> batch, double[] fallback) {
        double[] labels = new double[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            Integer row = rows.get(batch.get(i));
            labels[i] = row == null ? fallback[i] : generated[s][row];
        }
        return labels;
    }

    /**
     * One training batch's update (mmsa.md §3.4, steps 4–6): from epoch 2, each sample's generated labels move
     * towards the estimate from its features and the previous batch's centres; then its features are stored and
     * every centre is recomputed over the whole memory.
     *
     * @param batch    the batch's sample ids, all in the training split
     * @param features the batch's features [B, d] row after row: the fusion's, then one per modality
     * @param epoch    the epoch n, from 1
     */
    void update(List<String> batch, List<float[]> features, int epoch) {
        int[] batchRows = rowsOf(batch);
        if (this.features == null) {
            this.features = new FeatureMemory[features.size()];
            for (int m = 0; m < features.size(); m++) {
                this.features[m] = new FeatureMemory(memoryName(m), size(), features.get(m).length / batch.size());
            }
        }
        if (epoch > 1) {
            generate(batchRows, features, epoch);
        }
        for (int m = 0; m < features.size(); m++) {
            for (int i = 0; i < batchRows.length; i++) {
                this.features[m].write(batchRows[i], features.get(m), i);
            }
        }
        recentre();
    }

    /** The labels as a table: per sample id, its multimodal label and each modality's generated one. */
    SampleTable table() {
        List<String> columns = new ArrayList<>(List.of(MULTIMODAL));
        columns.addAll(modalities);
        Map<String, List<Double>> table = new LinkedHashMap<>();
        for (int row = 0; row < ids.size(); row++) {
            List<Double> values = new ArrayList<>(List.of(multimodal[row]));
            for (double[] labels : generated) {
                values.add(labels[row]);
            }
            table.put(ids.get(row), values);
        }
        return new SampleTable(columns, table);
    }

    /**
     * Step 4: δ_f and δ_s from the distances to the centres; the ratio estimate y^f·α_s with α_s = δ_s/(δ_f + ε) and
     * the difference estimate y^f + δ_s − δ_f, averaged and clamped to ±H; then the momentum
     * y^s ← (n−1)/(n+1)·y^s + 2/(n+1)·ỹ_s.
     */
    private void generate(int[] batchRows, List<float[]> batchFeatures, int epoch) {
        double keep = (epoch - 1.0) / (epoch + 1.0);
        double take = 2.0 / (epoch + 1.0);
        for (int i = 0; i < batchRows.length; i++) {
            int row = batchRows[i];
            double fusion = features[0].delta(batchFeatures.get(0), i, generation.distance());
            double label = multimodal[row];
            for (int s = 0; s < generated.length; s++) {
                double delta = features[s + 1].delta(batchFeatures.get(s + 1), i, generation.distance());
                double ratio = delta / (fusion + EPSILON);
                double estimate = 0.5 * ratio * label + 0.5 * (label + delta - fusion);
                double clamped = Math.max(-generation.clamp(), Math.min(generation.clamp(), estimate));
                generated[s][row] = keep * generated[s][row] + take * clamped;
            }
        }
    }

    /** Step 6: the fusion's classes follow the multimodal labels, a modality's its own generated labels. */
    private void recentre() {
        features[0].recentre(multimodal, generation.excludeZero());
        for (int s = 0; s < generated.length; s++) {
            features[s + 1].recentre(generated[s], generation.excludeZero());
        }
    }

    private int[] rowsOf(List<String> batch) {
        int[] batchRows = new int[batch.size()];
        for (int i = 0; i < batchRows.length; i++) {
            Integer row = rows.get(batch.get(i));
            if (row == null) {
                throw new IllegalArgumentException("sample " + batch.get(i) + " is not in the training split ULGM "
                        + "was fitted on; its labels are generated from training batches only");
            }
            batchRows[i] = row;
        }
        return batchRows;
    }

    /** The name of feature memory {@code memory} in messages: {@code fusion}, then the modalities'. */
    String memoryName(int memory) {
        return memory == 0 ? "fusion" : modalities.get(memory - 1);
    }
}
