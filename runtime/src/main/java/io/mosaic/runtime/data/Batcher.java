package io.mosaic.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Stacks samples of a split into a {@link Batch} of tensors owned by a given (batch-scoped) manager. */
public final class Batcher {
    private final Map<Modality, FeatureShape> shapes;
    private final Task task;

    public Batcher(Map<Modality, FeatureShape> shapes, Task task) {
        this.shapes = Map.copyOf(shapes);
        this.task = task;
    }

    /** The samples at {@code indices} of {@code split}, in that order. */
    public Batch batch(Split split, int[] indices, NDManager manager) {
        List<Sample> samples = new ArrayList<>(indices.length);
        for (int index : indices) {
            samples.add(split.sample(index));
        }
        return batch(samples, manager);
    }

    public Batch batch(List<Sample> samples, NDManager manager) {
        int size = samples.size();
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        for (Map.Entry<Modality, FeatureShape> entry : shapes.entrySet()) {
            inputs.put(entry.getKey(), features(samples, entry.getKey(), entry.getValue(), manager));
        }
        float[] scores = new float[size];
        long[] domains = new long[size];
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Sample sample = samples.get(i);
            scores[i] = sample.score();
            domains[i] = sample.domain();
            ids.add(sample.id());
        }
        NDArray scoreArray = manager.create(scores);
        NDArray labels = task.isRegression() ? scoreArray : manager.create(classes(samples));
        return new Batch(ids, inputs, tokenIds(samples, manager), scoreArray, labels, manager.create(domains));
    }

    /**
     * Every array of {@code batch}, once each (a regression task's labels are its scores): what moves with the batch
     * from one manager to another.
     */
    public static List<NDArray> arrays(Batch batch) {
        Set<NDArray> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Features features : batch.inputs().values()) {
            arrays.add(features.values());
            if (features.isSequence()) {
                arrays.add(features.lengths());
            }
        }
        batch.tokenIds().ifPresent(arrays::add);
        arrays.add(batch.scores());
        arrays.add(batch.labels());
        arrays.add(batch.domains());
        return new ArrayList<>(arrays);
    }

    /** Each sample's class: the one its file gives ({@code labels: file}), else the task's class of its score. */
    private long[] classes(List<Sample> samples) {
        long[] classes = new long[samples.size()];
        for (int i = 0; i < classes.length; i++) {
            Sample sample = samples.get(i);
            int fileClass = sample.fileClass();
            if (fileClass >= task.classes()) {
                throw new IllegalArgumentException("sample " + sample.id() + " has class " + fileClass + " from its "
                        + "file; the task " + task + " has classes 0 to " + (task.classes() - 1));
            }
            classes[i] = fileClass == Sample.NO_FILE_CLASS ? task.classOf(sample.score()) : fileClass;
        }
        return classes;
    }

    private static Features features(List<Sample> samples, Modality modality, FeatureShape shape,
                                     NDManager manager) {
        int stride = shape.steps() * shape.dim();
        float[] values = new float[samples.size() * stride];
        long[] lengths = new long[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            Frames frames = sample.frames(modality);
            if (frames.steps() != shape.steps() || frames.dim() != shape.dim()) {
                throw new IllegalArgumentException("sample " + sample.id() + ": " + modality.id() + " frames are "
                        + frames.steps() + "x" + frames.dim() + ", the dataset declares " + shape);
            }
            System.arraycopy(frames.values(), 0, values, i * stride, stride);
            lengths[i] = frames.length();
        }
        NDArray array = manager.create(values, new Shape(samples.size(), shape.steps(), shape.dim()));
        return Features.sequence(array, manager.create(lengths));
    }

    private static Optional<NDArray> tokenIds(List<Sample> samples, NDManager manager) {
        if (samples.isEmpty() || samples.get(0).tokenIds() == null) {
            return Optional.empty();
        }
        int steps = samples.get(0).tokenIds().length;
        long[] ids = new long[samples.size() * steps];
        for (int i = 0; i < samples.size(); i++) {
            int[] tokens = samples.get(i).tokenIds();
            if (tokens.length != steps) {
                throw new IllegalArgumentException("sample " + samples.get(i).id() + " has " + tokens.length
                        + " token ids, the batch has " + steps);
            }
            for (int t = 0; t < steps; t++) {
                ids[i * steps + t] = tokens[t];
            }
        }
        return Optional.of(manager.create(ids, new Shape(samples.size(), steps)));
    }
}
