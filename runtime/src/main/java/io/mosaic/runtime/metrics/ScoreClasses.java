package io.mosaic.runtime.metrics;

/** Turns sentiment scores into class ids the way MMSA's metrics do. */
final class ScoreClasses {

    private ScoreClasses() {
    }

    /** Each value clipped to [−bound, bound]. */
    static double[] clip(double[] scores, double bound) {
        double[] clipped = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            clipped[i] = Math.max(-bound, Math.min(bound, scores[i]));
        }
        return clipped;
    }

    /** 1 where the score is ≥ 0 (zero counts as non-negative), else 0. */
    static int[] nonNegative(double[] scores) {
        int[] ids = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            ids[i] = scores[i] >= 0 ? 1 : 0;
        }
        return ids;
    }

    /** 1 where the score is > 0 (zero counts as negative), else 0. */
    static int[] positive(double[] scores) {
        int[] ids = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            ids[i] = scores[i] > 0 ? 1 : 0;
        }
        return ids;
    }

    /**
     * {@code round(clip(score, −bound, bound)) + bound}, rounding half to even like {@code np.round} (2.5 → 2,
     * −0.5 → −0 → 0, 0.5 → 0), shifted so that ids start at 0.
     */
    static int[] rounded(double[] scores, int bound) {
        double[] clipped = clip(scores, bound);
        int[] ids = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            ids[i] = (int) Math.rint(clipped[i]) + bound;
        }
        return ids;
    }

    /**
     * The bin of each score among half-open intervals (lo, hi] split at {@code innerEdges} (ascending): the number
     * of edges strictly below the score. A score equal to an edge falls in the lower bin. Scores are compared as
     * float32, as NumPy compares MMSA's float32 arrays with its edges.
     */
    static int[] binned(double[] scores, float[] innerEdges) {
        int[] ids = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            float score = (float) scores[i];
            int bin = 0;
            while (bin < innerEdges.length && score > innerEdges[bin]) {
                bin++;
            }
            ids[i] = bin;
        }
        return ids;
    }
}
