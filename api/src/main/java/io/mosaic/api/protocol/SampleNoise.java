package io.mosaic.api.protocol;

import io.mosaic.api.data.Modality;
import java.util.EnumMap;
import java.util.Map;

/**
 * The values a protocol adds to one sample's features (a noise protocol's perturbation, see
 * {@link MissingProtocol#noise}). Only positions below a modality's true length take values: padding stays as it is,
 * and text token ids are never touched (only the token features are).
 *
 * @since 1.1
 */
public final class SampleNoise {
    private final SampleLayout layout;
    private final Map<Modality, float[][]> added = new EnumMap<>(Modality.class);

    /** Noise that adds nothing yet. */
    public SampleNoise(SampleLayout layout) {
        this.layout = layout;
    }

    public SampleLayout layout() {
        return layout;
    }

    /**
     * Adds {@code values}, one per feature, to position {@code t} of {@code modality} if it is below the modality's
     * true length; returns whether it was.
     *
     * @throws IllegalArgumentException when {@code values} has another width than earlier values of the modality
     */
    public boolean add(Modality modality, int t, float[] values) {
        if (t < 0 || t >= layout.length(modality)) {
            return false;
        }
        float[][] rows = added.computeIfAbsent(modality, m -> new float[layout.steps(m)][]);
        int width = width(modality);
        if (width > 0 && values.length != width) {
            throw new IllegalArgumentException(modality.id() + " noise has " + width + " values per position, got "
                    + values.length + " at position " + t);
        }
        if (rows[t] == null) {
            rows[t] = values.clone();
        } else {
            for (int k = 0; k < values.length; k++) {
                rows[t][k] += values[k];
            }
        }
        return true;
    }

    /** Whether anything was added to {@code modality}. */
    public boolean perturbs(Modality modality) {
        return added.containsKey(modality);
    }

    /** The number of values added per position of {@code modality}, or 0 when nothing was added to it. */
    public int width(Modality modality) {
        float[][] rows = added.get(modality);
        if (rows != null) {
            for (float[] row : rows) {
                if (row != null) {
                    return row.length;
                }
            }
        }
        return 0;
    }

    /** The values added at position {@code t} of {@code modality}: a copy, empty when nothing was added there. */
    public float[] added(Modality modality, int t) {
        float[][] rows = added.get(modality);
        if (rows == null || t < 0 || t >= rows.length || rows[t] == null) {
            return new float[0];
        }
        return rows[t].clone();
    }
}
