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

    /** Pearson's r = Σ(x − x̄)(y − ȳ) / sqrt(Σ(x − x̄)² Σ(y − ȳ)²). */
    static double pearson(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("pearson needs two series of equal length >= 2, got " + x.length
                    + " and " + y.length);
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
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
