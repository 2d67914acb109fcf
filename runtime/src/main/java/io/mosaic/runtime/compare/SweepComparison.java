package io.mosaic.runtime.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.metrics.Robustness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sweep (a missing-modality or noise protocol over its levels) of an assembly over its seeds.
 *
 * @param rates               the levels: missing rates, or a noise protocol's standard deviations
 * @param curves              each metric's mean over the seeds at each level
 * @param auilc               each metric's area under its curve, over the seeds
 * @param relativeRobustness  each metric's relative robustness ({@link Robustness#relative}), over the seeds
 * @param effectiveRobustness each metric's effective robustness against the comparison's reference
 *                            ({@link Robustness#effective}) from the mean curves, which is the mean over the seeds of
 *                            the paired seeds' values; empty for the reference itself and when the reference did not
 *                            run this sweep at the same levels
 */
public record SweepComparison(List<Double> rates, Map<String, List<Double>> curves, Map<String, MeanStd> auilc,
                              @JsonProperty("relative_robustness") Map<String, MeanStd> relativeRobustness,
                              @JsonProperty("effective_robustness") Map<String, Double> effectiveRobustness) {

    public SweepComparison {
        // A comparison.json written before the robustness measures lacks them.
        relativeRobustness = relativeRobustness == null ? Map.of() : relativeRobustness;
        effectiveRobustness = effectiveRobustness == null ? Map.of() : effectiveRobustness;
    }

    /**
     * This sweep with its effective robustness against {@code reference}'s curves; unchanged when the reference's
     * levels differ.
     */
    public SweepComparison against(SweepComparison reference) {
        if (!reference.rates().equals(rates) || rates.size() < 2) {
            return this;
        }
        double[] levels = rates.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Double> effective = new LinkedHashMap<>();
        curves.forEach((metric, curve) -> {
            List<Double> referenceCurve = reference.curves().get(metric);
            if (referenceCurve != null) {
                effective.put(metric, Robustness.effective(levels, array(curve), array(referenceCurve)));
            }
        });
        return new SweepComparison(rates, curves, auilc, relativeRobustness, effective);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
