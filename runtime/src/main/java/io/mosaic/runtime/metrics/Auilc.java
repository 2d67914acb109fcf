package io.mosaic.runtime.metrics;

/**
 * The area under an indicator-versus-missing-rate curve (AUILC, CIDer): the trapezoid rule over the rates evaluated.
 * Over the rates 0, 0.1, ..., 1 it is 0.1 · (m₀/2 + m₁ + ... + m₉ + m₁₀/2), CIDer's definition; rates that do not
 * span [0, 1] give the area over the span they cover.
 */
public final class Auilc {

    private Auilc() {
    }

    /**
     * @param rates  strictly increasing missing rates
     * @param values the metric at each rate
     */
    public static double of(double[] rates, double[] values) {
        if (rates.length != values.length || rates.length < 2) {
            throw new IllegalArgumentException("AUILC needs at least two rates with one value each, got "
                    + rates.length + " rates and " + values.length + " values");
        }
        double area = 0;
        for (int i = 1; i < rates.length; i++) {
            double width = rates[i] - rates[i - 1];
            if (width <= 0) {
                throw new IllegalArgumentException("rates must increase, got " + rates[i - 1] + " then " + rates[i]);
            }
            area += width * (values[i] + values[i - 1]) / 2;
        }
        return area;
    }
}
