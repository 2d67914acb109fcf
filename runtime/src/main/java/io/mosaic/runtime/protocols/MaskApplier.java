package io.mosaic.runtime.protocols;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.SpecialTokens;
import io.mosaic.api.model.Features;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import io.mosaic.api.protocol.SampleNoise;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connects protocols to batches: the layouts a protocol draws masks for, and the batch those masks leave
 * ({@code reference/cider.md} §2): a removed text token becomes [UNK] ({@value SpecialTokens#UNK}) in the token ids
 * and zero in the token features, a removed audio or vision frame becomes zero. Lengths, and so attention masks, do
 * not change: the network is not told which positions are missing. A noise protocol's values are added to the
 * features of the positions kept; token ids never change for noise.
 */
public final class MaskApplier {

    private MaskApplier() {
    }

    /**
     * Each sample's layout, from the batch's padded and true lengths; the text has [CLS] and [SEP] exactly when the
     * batch has token ids.
     *
     * @throws IllegalArgumentException when a modality is pooled (has no time axis)
     */
    public static List<SampleLayout> layouts(Batch batch) {
        Map<Modality, Integer> steps = new EnumMap<>(Modality.class);
        Map<Modality, long[]> lengths = new EnumMap<>(Modality.class);
        batch.inputs().forEach((modality, features) -> {
            if (!features.isSequence()) {
                throw new IllegalArgumentException(modality.id() + " features are pooled " + features.values()
                        .getShape() + "; protocols need sequences [B, T, D] with lengths");
            }
            steps.put(modality, (int) features.values().getShape().get(1));
            lengths.put(modality, features.lengths().toType(DataType.INT64, false).toLongArray());
        });
        List<SampleLayout> layouts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Map<Modality, Integer> sampleLengths = new EnumMap<>(Modality.class);
            for (Map.Entry<Modality, long[]> entry : lengths.entrySet()) {
                sampleLengths.put(entry.getKey(), (int) entry.getValue()[i]);
            }
            layouts.add(new SampleLayout(steps, sampleLengths, batch.tokenIds().isPresent()));
        }
        return layouts;
    }

    /**
     * The batch with the positions {@code masks} removed, new arrays in {@code manager} (on the batch's device);
     * ids, lengths, scores, labels and domains are the batch's own.
     *
     * @param masks one per sample, in batch order, drawn for {@link #layouts}
     * @throws IllegalArgumentException when the masks do not match the batch's samples or padded lengths
     */
    public static CorruptedBatch apply(Batch batch, List<SampleMask> masks, NDManager manager) {
        return apply(batch, masks, List.of(), manager);
    }

    /**
     * The batch with the positions {@code masks} removed and {@code noises} added to the features of the positions
     * kept: (x + n)·keep, new arrays in {@code manager}.
     *
     * @param noises one per sample, in batch order, or empty for no noise
     * @throws IllegalArgumentException when the masks or noises do not match the batch's samples, padded lengths or
     *                                  feature widths
     */
    public static CorruptedBatch apply(Batch batch, List<SampleMask> masks, List<SampleNoise> noises,
                                       NDManager manager) {
        if (masks.size() != batch.size()) {
            throw new IllegalArgumentException("the batch has " + batch.size() + " samples, but " + masks.size()
                    + " masks were given");
        }
        if (!noises.isEmpty() && noises.size() != batch.size()) {
            throw new IllegalArgumentException("the batch has " + batch.size() + " samples, but " + noises.size()
                    + " noises were given");
        }
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        Map<Modality, NDArray> removed = new EnumMap<>(Modality.class);
        for (Map.Entry<Modality, Features> entry : new EnumMap<>(batch.inputs()).entrySet()) {
            Modality modality = entry.getKey();
            Features features = entry.getValue();
            Shape shape = features.values().getShape();
            boolean[] flags = removedFlags(masks, modality, (int) shape.get(1));
            removed.put(modality, manager.create(indicator(flags, true), new Shape(shape.get(0), shape.get(1))));
            Optional<float[]> noise = noise(noises, modality, shape);
            NDArray values = noise.isEmpty() ? zeroRemoved(features.values(), flags, manager)
                    : noisyKept(features.values(), noise.get(), flags, manager);
            inputs.put(modality, features.withValues(values));
        }
        Optional<NDArray> tokenIds = batch.tokenIds().map(ids -> {
            boolean[] flags = removedFlags(masks, Modality.TEXT, (int) ids.getShape().get(1));
            return unknownAtRemoved(ids, flags, manager);
        });
        Batch corrupted = new Batch(batch.ids(), inputs, tokenIds, batch.scores(), batch.labels(), batch.domains());
        return new CorruptedBatch(corrupted, removed);
    }

    /** [B·T] row-major: whether position t of sample b was removed. */
    private static boolean[] removedFlags(List<SampleMask> masks, Modality modality, int steps) {
        boolean[] flags = new boolean[masks.size() * steps];
        for (int b = 0; b < masks.size(); b++) {
            SampleMask mask = masks.get(b);
            if (mask.layout().steps(modality) != steps) {
                throw new IllegalArgumentException("mask " + b + " has " + mask.layout().steps(modality) + " "
                        + modality.id() + " positions, the batch has " + steps);
            }
            for (int t = 0; t < steps; t++) {
                flags[b * steps + t] = mask.removed(modality, t);
            }
        }
        return flags;
    }

    /** [B·T·D] row-major: what {@code noises} add to {@code modality}, or empty when they add nothing to it. */
    private static Optional<float[]> noise(List<SampleNoise> noises, Modality modality, Shape shape) {
        if (noises.stream().noneMatch(noise -> noise.perturbs(modality))) {
            return Optional.empty();
        }
        int steps = (int) shape.get(1);
        int width = (int) shape.get(2);
        float[] values = new float[Math.multiplyExact(noises.size(), Math.multiplyExact(steps, width))];
        for (int b = 0; b < noises.size(); b++) {
            SampleNoise noise = noises.get(b);
            if (!noise.perturbs(modality)) {
                continue;
            }
            if (noise.layout().steps(modality) != steps || noise.width(modality) != width) {
                throw new IllegalArgumentException("noise " + b + " has " + noise.layout().steps(modality) + "x"
                        + noise.width(modality) + " " + modality.id() + " values, the batch has " + steps + "x"
                        + width);
            }
            for (int t = 0; t < steps; t++) {
                float[] row = noise.added(modality, t);
                System.arraycopy(row, 0, values, (b * steps + t) * width, row.length);
            }
        }
        return Optional.of(values);
    }

    /** (values + noise) · keep: the noise lands on the positions kept, and removed positions stay zero. */
    private static NDArray noisyKept(NDArray values, float[] noise, boolean[] flags, NDManager manager) {
        Shape shape = values.getShape();
        try (NDArray noiseArray = manager.create(noise, shape);
             NDArray noisy = values.add(noiseArray)) {
            return zeroRemoved(noisy, flags, manager);
        }
    }

    /** values · keep, with keep [B, T, 1] = 0 at removed positions and 1 elsewhere. */
    private static NDArray zeroRemoved(NDArray values, boolean[] flags, NDManager manager) {
        Shape shape = values.getShape();
        try (NDArray keep = manager.create(indicator(flags, false), new Shape(shape.get(0), shape.get(1), 1))) {
            return keep.mul(values);
        }
    }

    /** ids · keep + UNK · removed: [UNK] where a token was removed, the token elsewhere (the reference's ids_m). */
    private static NDArray unknownAtRemoved(NDArray ids, boolean[] flags, NDManager manager) {
        long[] keep = new long[flags.length];
        long[] unknown = new long[flags.length];
        for (int i = 0; i < flags.length; i++) {
            keep[i] = flags[i] ? 0 : 1;
            unknown[i] = flags[i] ? SpecialTokens.UNK : 0;
        }
        Shape shape = ids.getShape();
        try (NDArray keepArray = manager.create(keep, shape);
             NDArray unknownArray = manager.create(unknown, shape);
             NDArray kept = keepArray.mul(ids.toType(DataType.INT64, false))) {
            return kept.add(unknownArray);
        }
    }

    /** 1 where {@code flags} is {@code value}, 0 elsewhere. */
    private static float[] indicator(boolean[] flags, boolean value) {
        float[] indicator = new float[flags.length];
        for (int i = 0; i < flags.length; i++) {
            indicator[i] = flags[i] == value ? 1f : 0f;
        }
        return indicator;
    }
}
