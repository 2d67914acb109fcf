package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.data.Frames;
import java.util.SplittableRandom;

/**
 * The frames of one modality. The true length is cut into held segments; each segment draws a base frame of standard
 * normal content plus its planted signal, and each of its frames is that base plus Gaussian jitter and noise:
 * x[t, k] = b[seg(t), k] + e[t, k] (+ the invariant evidence on keyframes), e ~ N(0, jitter² + noise²).
 */
final class FrameGenerator {

    private final FrameLayout layout;
    private final int holdFrames;
    private final double frameSd;

    FrameGenerator(FrameLayout layout, Planting planting) {
        this.layout = layout;
        this.holdFrames = planting.holdFrames();
        // Jitter and feature noise are independent zero-mean normals: their sum is one normal of the summed variance.
        this.frameSd = Math.hypot(planting.jitter(), planting.noise());
    }

    /**
     * @param evidence         added to the invariant dimensions: of every frame when {@code keyframes} is empty, else
     *                         of the keyframes only
     * @param spuriousEvidence added to the spurious dimensions of every frame
     * @param length           the true length, in [1, steps]
     * @param keyframes        sorted distinct positions below {@code length}, or empty
     */
    Frames generate(SplittableRandom random, double evidence, double spuriousEvidence, int length, int[] keyframes) {
        int dim = layout.dim();
        float[] values = new float[layout.steps() * dim];
        double[] base = new double[dim];
        double baseEvidence = keyframes.length == 0 ? evidence : 0;
        int nextKeyframe = 0;
        int start = 0;
        while (start < length) {
            // Segment lengths are uniform in [1, 2·holdFrames − 1], of mean holdFrames.
            int end = Math.min(length, start + 1 + random.nextInt(2 * holdFrames - 1));
            for (int k = 0; k < dim; k++) {
                base[k] = random.nextGaussian() + planted(k, baseEvidence, spuriousEvidence);
            }
            for (int t = start; t < end; t++) {
                boolean keyframe = nextKeyframe < keyframes.length && keyframes[nextKeyframe] == t;
                if (keyframe) {
                    nextKeyframe++;
                }
                int at = t * dim;
                for (int k = 0; k < dim; k++) {
                    double key = keyframe && layout.isInvariant(k) ? evidence : 0;
                    values[at + k] = (float) (base[k] + key + frameSd * random.nextGaussian());
                }
            }
            start = end;
        }
        return new Frames(values, layout.steps(), dim, length);
    }

    /** {@code count} distinct positions in [0, length), sorted, by Floyd's sampling (uniform over subsets). */
    static int[] drawKeyframes(SplittableRandom random, int count, int length) {
        int chosenCount = Math.min(count, length);
        boolean[] chosen = new boolean[length];
        for (int j = length - chosenCount; j < length; j++) {
            int t = random.nextInt(j + 1);
            chosen[chosen[t] ? j : t] = true;
        }
        int[] positions = new int[chosenCount];
        int i = 0;
        for (int t = 0; t < length; t++) {
            if (chosen[t]) {
                positions[i++] = t;
            }
        }
        return positions;
    }

    private double planted(int feature, double invariantEvidence, double spuriousEvidence) {
        if (layout.isInvariant(feature)) {
            return invariantEvidence;
        }
        return layout.isSpurious(feature) ? spuriousEvidence : 0;
    }
}
