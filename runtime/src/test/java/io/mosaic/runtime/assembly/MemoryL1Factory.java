package io.mosaic.runtime.assembly;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.TrainingSplit;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.api.objective.SampleTable;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.api.objective.Views;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.Version;

/**
 * {@code memory-l1}, a test objective with state: per training sample a target m (its score at first), and the loss
 * (1/B) Σ |ŷ_b − m_b|. After each training step m_b ← ½·m_b + ½·ŷ_b (detached), so training depends on the state,
 * and the sample's update count goes up by one. Its published table holds m and the count; an update with a sample
 * that is not in the training split fails.
 */
public final class MemoryL1Factory implements ObjectiveFactory {
    public static final String NAME = "memory-l1";

    /** The built-in components and this objective. */
    public static InstalledComponents installed() {
        return InstalledComponents.builtIn().add(ComponentKind.OBJECTIVE, NAME, "io.mosaic.test", new Version(0, 1, 0),
                new MemoryL1Factory());
    }

    @Override
    public String description() {
        return "An L1 loss against a per-sample target that follows the predictions (a test fixture).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.EMPTY;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new MemoryL1();
    }

    private static final class MemoryL1 implements StatefulObjective {
        private final Map<String, Integer> rows = new LinkedHashMap<>();
        private double[] targets;
        private double[] updates;

        @Override
        public Set<String> taps() {
            return Set.of(PipelineFactory.PREDICTION_TAP);
        }

        @Override
        public void fit(TrainingSplit split) {
            List<Double> scores = new ArrayList<>();
            split.forEachBatch(batch -> {
                batch.ids().forEach(id -> rows.put(id, rows.size()));
                for (float score : batch.scores().toFloatArray()) {
                    scores.add((double) score);
                }
            });
            targets = scores.stream().mapToDouble(Double::doubleValue).toArray();
            updates = new double[targets.length];
        }

        @Override
        public NDArray loss(Views views) {
            Batch batch = views.clean();
            float[] scores = batch.scores().toFloatArray();
            float[] target = new float[scores.length];
            for (int i = 0; i < target.length; i++) {
                Integer row = rows.get(batch.ids().get(i));
                target[i] = row == null ? scores[i] : (float) targets[row];
            }
            NDArray predicted = views.cleanTaps().get(PipelineFactory.PREDICTION_TAP).reshape(-1);
            return predicted.sub(batch.scores().getManager().create(target)).abs().mean();
        }

        @Override
        public void update(Views views, int epoch) {
            Batch batch = views.clean();
            float[] predicted = views.cleanTaps().get(PipelineFactory.PREDICTION_TAP).toFloatArray();
            for (int i = 0; i < predicted.length; i++) {
                Integer row = rows.get(batch.ids().get(i));
                if (row == null) {
                    throw new IllegalStateException("update saw sample " + batch.ids().get(i) + ", which is not in "
                            + "the training split");
                }
                targets[row] = 0.5 * targets[row] + 0.5 * predicted[i];
                updates[row]++;
            }
        }

        @Override
        public NDList state(NDManager manager) {
            return new NDList(manager.create(targets), manager.create(updates));
        }

        @Override
        public void restore(NDList state) {
            targets = state.get(0).toDoubleArray();
            updates = state.get(1).toDoubleArray();
        }

        @Override
        public Optional<SampleTable> published() {
            Map<String, List<Double>> table = new LinkedHashMap<>();
            rows.forEach((id, row) -> table.put(id, List.of(targets[row], updates[row])));
            return Optional.of(new SampleTable(List.of("target", "updates"), table));
        }
    }
}
