package io.mosaic.losses.ulgm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.JavaData;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.TrainingSplit;
import io.mosaic.api.objective.SampleTable;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.api.objective.Views;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ulgm}: Self-MM's unimodal label generation and its loss (mmsa.md §3.4). The loss is the weighted unimodal
 * L1 Σ_s v_s · mean_i tanh(|y^s_i − y^f_i|) · |ŷ_s,i − y^s_i| against the generated labels y^s as they stand before
 * the step's update; the labels move after each training step ({@link LabelMemory#update}).
 */
final class Ulgm implements StatefulObjective {
    static final String NAME = "ulgm";

    /** The taps ULGM reads: the fusion's features, and per modality its features and its predicted score. */
    record UlgmTaps(String fusionFeatures, List<String> features, List<String> predictions) {
    }

    private final List<String> modalities;
    private final UlgmTaps taps;
    private final List<Double> weights;
    private final Generation generation;
    private LabelMemory memory;

    /**
     * @param modalities the unimodal modalities s, in order
     * @param weights    v_s, one per modality
     */
    Ulgm(List<String> modalities, UlgmTaps taps, List<Double> weights, Generation generation) {
        this.modalities = List.copyOf(modalities);
        this.taps = taps;
        this.weights = List.copyOf(weights);
        this.generation = generation;
    }

    @Override
    public Set<String> taps() {
        Set<String> read = new LinkedHashSet<>(List.of(taps.fusionFeatures()));
        read.addAll(taps.features());
        read.addAll(taps.predictions());
        return read;
    }

    /** Initial labels: y^f = y^s = the multimodal label (the sentiment score) of every training sample. */
    @Override
    public void fit(TrainingSplit split) {
        List<String> ids = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        split.forEachBatch(batch -> {
            ids.addAll(batch.ids());
            for (float score : batch.scores().toFloatArray()) {
                labels.add(score);
            }
        });
        memory = new LabelMemory(generation, modalities, ids, labels.stream().mapToDouble(Float::doubleValue)
                .toArray());
    }

    @Override
    public NDArray loss(Views views) {
        Batch batch = views.clean();
        Taps step = views.cleanTaps();
        NDArray scores = batch.scores();
        double[] multimodal = toDoubles(scores.toFloatArray());
        NDArray total = scores.getManager().zeros(new Shape(), scores.getDataType());
        for (int s = 0; s < modalities.size(); s++) {
            double[] labels = memory().generated(s, batch.ids(), multimodal);
            float[] weight = new float[labels.length];
            for (int i = 0; i < labels.length; i++) {
                weight[i] = (float) Math.tanh(Math.abs(labels[i] - multimodal[i]));
            }
            NDArray predicted = scoresOf(step, taps.predictions().get(s), batch.size());
            // in libtorch's memory: autograd holds w after the objective's temporaries are released
            Shape samples = new Shape(weight.length);
            NDArray target = JavaData.array(scores.getManager(), toFloats(labels), samples, predicted.getDataType());
            NDArray w = JavaData.array(scores.getManager(), weight, samples, predicted.getDataType());
            NDArray term = w.mul(predicted.sub(target).abs()).mean();
            total = total.add(Scalars.times(term, weights.get(s)));
        }
        return total;
    }

    @Override
    public void update(Views views, int epoch) {
        Batch batch = views.clean();
        Taps step = views.cleanTaps();
        List<float[]> features = new ArrayList<>();
        features.add(featuresOf(step, taps.fusionFeatures(), batch.size()));
        taps.features().forEach(tap -> features.add(featuresOf(step, tap, batch.size())));
        memory().update(batch.ids(), features, epoch);
    }

    /**
     * The multimodal labels [N] (float64), the generated labels [S, N] (float64), then, once a batch has been seen,
     * the feature memories [N, d_m] (float32): the fusion's, then each modality's. The centres are recomputed from
     * them on {@link #restore}, with the same arithmetic, so they come back bit for bit.
     */
    @Override
    public NDList state(NDManager manager) {
        LabelMemory kept = memory();
        NDList state = new NDList(manager.create(kept.multimodal()), manager.create(kept.generated()));
        kept.features().forEach(m -> state.add(manager.create(m.rows(), new Shape(kept.size(), m.dim()))));
        return state;
    }

    @Override
    public void restore(NDList state) {
        LabelMemory kept = memory();
        int memories = modalities.size() + 1;
        if (state.size() != 2 && state.size() != 2 + memories) {
            throw new IllegalArgumentException("ULGM's state is 2 arrays, or 2 and " + memories + " feature "
                    + "memories; found " + state.size() + " arrays");
        }
        requireShape(state.get(0), new Shape(kept.size()), DataType.FLOAT64, "the multimodal labels");
        requireShape(state.get(1), new Shape(modalities.size(), kept.size()), DataType.FLOAT64,
                "the generated labels");
        double[] multimodal = state.get(0).toDoubleArray();
        if (!Arrays.equals(multimodal, kept.multimodal())) {
            throw new IllegalArgumentException("its multimodal labels are not this training split's");
        }
        double[] flat = state.get(1).toDoubleArray();
        double[][] generated = new double[modalities.size()][];
        for (int s = 0; s < generated.length; s++) {
            generated[s] = Arrays.copyOfRange(flat, s * kept.size(), (s + 1) * kept.size());
        }
        kept.restoreGenerated(generated);
        if (state.size() > 2) {
            List<FeatureMemory> features = new ArrayList<>();
            for (int m = 0; m < memories; m++) {
                NDArray rows = state.get(2 + m);
                String name = kept.memoryName(m);
                if (rows.getShape().dimension() != 2 || rows.getShape().get(0) != kept.size()
                        || rows.getDataType() != DataType.FLOAT32) {
                    throw new IllegalArgumentException("the " + name + " feature memory is " + rows.getShape()
                            + " " + rows.getDataType() + ", expected [" + kept.size() + ", d] float32");
                }
                features.add(new FeatureMemory(name, Math.toIntExact(rows.getShape().get(1)), rows.toFloatArray()));
            }
            kept.restoreFeatures(features);
        }
    }

    /** The labels after the epoch: per training sample, y^f and each modality's y^s. */
    @Override
    public Optional<SampleTable> published() {
        return Optional.of(memory().table());
    }

    /** The memories, once fitted. */
    LabelMemory memory() {
        if (memory == null) {
            throw new IllegalStateException("ULGM has no label memory: it is fitted on the training split before "
                    + "training");
        }
        return memory;
    }

    /** The predicted scores of {@code tap}, [B, 1] or [B], as [B]. */
    private static NDArray scoresOf(Taps step, String tap, int batch) {
        NDArray predictions = step.get(tap);
        Shape shape = predictions.getShape();
        if (shape.equals(new Shape(batch, 1))) {
            return predictions.squeeze(1);
        }
        if (!shape.equals(new Shape(batch))) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as predicted scores [" + batch
                    + ", 1] or [" + batch + "], found " + shape);
        }
        return predictions;
    }

    /** The features of {@code tap}, [B, d], row after row. */
    private static float[] featuresOf(Taps step, String tap, int batch) {
        NDArray values = step.get(tap);
        Shape shape = values.getShape();
        if (shape.dimension() != 2 || shape.get(0) != batch) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as features [" + batch + ", d], "
                    + "found " + shape);
        }
        return values.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static void requireShape(NDArray array, Shape shape, DataType type, String what) {
        if (!array.getShape().equals(shape) || array.getDataType() != type) {
            throw new IllegalArgumentException(what + " are " + array.getShape() + " " + array.getDataType()
                    + ", expected " + shape + " " + type);
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }
}
