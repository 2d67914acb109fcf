package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.data.Frames;
import java.util.SplittableRandom;

/** Precomputed token features: a fixed random embedding row per id, standard normal entries, plus context noise. */
final class TokenFeatures {

    private final int steps;
    private final int dim;
    private final double contextNoise;
    private final float[] table;

    /** @param tableSeed seeds the embedding table, which is the same for every sample of a testbed */
    TokenFeatures(TextLayout text, double contextNoise, long tableSeed) {
        this.steps = text.steps();
        this.dim = text.featureDim();
        this.contextNoise = contextNoise;
        this.table = new float[text.vocabulary() * dim];
        SplittableRandom random = new SplittableRandom(tableSeed);
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian();
        }
    }

    /** The embedding row of {@code id}, without context noise. */
    float[] embedding(int id) {
        float[] row = new float[dim];
        System.arraycopy(table, id * dim, row, 0, dim);
        return row;
    }

    /** The features of the first {@code length} tokens of {@code ids}; the positions after them stay zero. */
    Frames features(SplittableRandom random, int[] ids, int length) {
        float[] values = new float[steps * dim];
        for (int t = 0; t < length; t++) {
            int row = ids[t] * dim;
            int at = t * dim;
            for (int k = 0; k < dim; k++) {
                values[at + k] = (float) (table[row + k] + contextNoise * random.nextGaussian());
            }
        }
        return new Frames(values, steps, dim, length);
    }
}
