package io.mosaic.runtime.compare;

import java.util.List;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * A metric of one assembly against the same metric of the reference assembly, seed by seed: the mean paired
 * difference (candidate − reference) and the two-sided p-value of Student's paired t-test, t = d̄ / (s_d / √n) with
 * n − 1 degrees of freedom (Apache Commons Math's {@link TTest#pairedTTest(double[], double[])}).
 *
 * @param pValue {@code null} where the test is undefined, and {@code note} says why
 * @param note   {@code null} where the test is defined
 */
public record PairedTest(double meanDifference, Double pValue, String note) {

    /** The test of {@code candidate} against {@code reference}, whose values are paired by position (by seed). */
    public static PairedTest of(List<Double> reference, List<Double> candidate) {
        if (reference.size() != candidate.size() || reference.isEmpty()) {
            throw new IllegalArgumentException("a paired test needs two equally long, non-empty lists of values, "
                    + "found " + reference.size() + " and " + candidate.size());
        }
        double[] x = candidate.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = reference.stream().mapToDouble(Double::doubleValue).toArray();
        double meanDifference = StatUtils.meanDifference(x, y);
        if (Double.isNaN(meanDifference)) {
            return new PairedTest(meanDifference, null, "the metric is undefined (NaN) on some seed");
        }
        if (x.length < 2) {
            return new PairedTest(meanDifference, null, "a paired test needs at least two seeds");
        }
        if (StatUtils.varianceDifference(x, y, meanDifference) == 0) {
            return new PairedTest(meanDifference, null, "the paired differences are the same on every seed");
        }
        return new PairedTest(meanDifference, new TTest().pairedTTest(x, y), null);
    }
}
