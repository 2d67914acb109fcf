package io.mosaic.runtime.data.testbed;

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
