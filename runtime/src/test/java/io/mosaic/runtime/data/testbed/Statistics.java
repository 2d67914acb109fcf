package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.metrics.ScoreStatistics;

/** Sample statistics for the tests of planted structure. */
final class Statistics {

    private Statistics() {
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Pearson's r, as the metrics compute it. */
    static double pearson(double[] x, double[] y) {
        return ScoreStatistics.pearson(x, y);
    }

    /** Coefficient of variation with the population standard deviation: sqrt(Σ(x − x̄)²/n) / x̄ (CIDer's CV). */
    static double coefficientOfVariation(double[] x) {
        double m = mean(x);
        double squares = 0;
        for (double v : x) {
            squares += (v - m) * (v - m);
        }
        return Math.sqrt(squares / x.length) / m;
    }
}
