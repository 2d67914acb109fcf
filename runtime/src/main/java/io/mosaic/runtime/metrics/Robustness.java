package io.mosaic.runtime.metrics;

/**
 * MultiBench's robustness measures over a sweep's levels (Liang et al., "MultiBench", NeurIPS 2021 Datasets and
 * Benchmarks; {@code eval_scripts/robustness.py} of github.com/pliang279/MultiBench), for a metric evaluated at
 * increasing levels of a corruption (missing rates, noise standard deviations).
 *
 * <p><b>Relative robustness</b> is the area under the metric's curve. MultiBench sums trapezoids of a fixed width 0.1,
 * {@code Σ (r_i + r_{i+1}) · 0.1 / 2}, which is the area over the levels 0, 0.1, ..., 1 it always evaluates: it does
 * not normalise by the level range, its range is 1. Here the area is taken over the levels actually evaluated and
 * divided by their range, so it equals MultiBench's number on MultiBench's levels and stays in the metric's units (the
 * curve's trapezoid-weighted mean) on any other levels, such as noise σ up to 2.
 *
 * <p><b>Effective robustness</b> of a curve f against a reference curve g is the area of
 * {@code f − (g + f_0 − g_0)}: the curve minus the reference shifted to start at the same clean score, MultiBench's
 * {@code f - beta_f}. MultiBench sums those gaps ({@code np.sum}, no width); here their area is taken as for relative
 * robustness, so on 11 levels MultiBench's sum is 10 times this plus half the last gap. Positive means the curve falls
 * more slowly than the reference's (for error metrics such as MAE, where lower is better, it means the error grows
 * faster). MultiBench then min-max normalises each measure across the methods of its table; that depends on which
 * methods are listed and is not done here.
 */
public final class Robustness {

    private Robustness() {
    }

    /**
     * The area under the curve over {@code levels}, divided by the levels' range.
     *
     * @param levels strictly increasing levels, at least two
     * @param values the metric at each level
     */
    public static double relative(double[] levels, double[] values) {
        return Auilc.of(levels, values) / (levels[levels.length - 1] - levels[0]);
    }

    /**
     * MultiBench's {@code f - beta_f}: at each level, the curve minus the reference shifted to the curve's first
     * value, {@code f_i − (g_i + f_0 − g_0)}; the first gap is 0.
     *
     * @throws IllegalArgumentException when the curves have different lengths or are empty
     */
    public static double[] gaps(double[] curve, double[] reference) {
        if (curve.length != reference.length || curve.length == 0) {
            throw new IllegalArgumentException("effective robustness needs two curves over the same levels, got "
                    + curve.length + " and " + reference.length + " values");
        }
        double[] gaps = new double[curve.length];
        for (int i = 0; i < curve.length; i++) {
            gaps[i] = curve[i] - (reference[i] + curve[0] - reference[0]);
        }
        return gaps;
    }

    /**
     * The area of {@link #gaps} over {@code levels}, divided by the levels' range.
     *
     * @param levels    strictly increasing levels, at least two
     * @param curve     the metric at each level
     * @param reference the reference's metric at the same levels
     */
    public static double effective(double[] levels, double[] curve, double[] reference) {
        return relative(levels, gaps(curve, reference));
    }
}
