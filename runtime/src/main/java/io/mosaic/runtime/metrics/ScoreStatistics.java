package io.mosaic.runtime.metrics;

/** Error and correlation of predicted scores against target scores. */
public final class ScoreStatistics {

    private ScoreStatistics() {
    }

    /** MAE = Σ |p_i − y_i| / n. */
    public static double meanAbsoluteError(double[] predictions, double[] targets) {
        Inputs.requireScores(predictions, targets);
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            sum += Math.abs(predictions[i] - targets[i]);
        }
        return sum / targets.length;
    }

    /**
     * Pearson's r = Σ (p_i − p̄)(y_i − ȳ) / sqrt(Σ (p_i − p̄)² · Σ (y_i − ȳ)²), clamped to [−1, 1] against rounding
     * as {@code np.corrcoef} does. Where either side is constant (all its values equal, which includes a single
     * sample) r is undefined and NaN, as MMSA's {@code np.corrcoef} gives it: a collapsed model that predicts one
     * value is never selected on it ({@link Direction#isBetter}).
     */
    public static double pearson(double[] predictions, double[] targets) {
        Inputs.requireScores(predictions, targets);
        if (isConstant(predictions) || isConstant(targets)) {
            return Double.NaN;
        }
        double meanP = mean(predictions);
        double meanY = mean(targets);
        double covariance = 0;
        double varianceP = 0;
        double varianceY = 0;
        for (int i = 0; i < targets.length; i++) {
            double dp = predictions[i] - meanP;
            double dy = targets[i] - meanY;
            covariance += dp * dy;
            varianceP += dp * dp;
            varianceY += dy * dy;
        }
        double r = covariance / (Math.sqrt(varianceP) * Math.sqrt(varianceY));
        return Math.max(-1.0, Math.min(1.0, r));
    }

    private static boolean isConstant(double[] values) {
        for (double value : values) {
            if (value != values[0]) {
                return false;
            }
        }
        return true;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
