package io.mosaic.runtime.metrics;

import static io.mosaic.runtime.metrics.Metric.ACC2_HAS0;
import static io.mosaic.runtime.metrics.Metric.ACC2_NON0;
import static io.mosaic.runtime.metrics.Metric.ACC3;
import static io.mosaic.runtime.metrics.Metric.ACC5;
import static io.mosaic.runtime.metrics.Metric.ACC7;
import static io.mosaic.runtime.metrics.Metric.ACCURACY;
import static io.mosaic.runtime.metrics.Metric.CORR;
import static io.mosaic.runtime.metrics.Metric.F1_HAS0;
import static io.mosaic.runtime.metrics.Metric.F1_MACRO;
import static io.mosaic.runtime.metrics.Metric.F1_NON0;
import static io.mosaic.runtime.metrics.Metric.F1_WEIGHTED;
import static io.mosaic.runtime.metrics.Metric.LOSS;
import static io.mosaic.runtime.metrics.Metric.MAE;
import static io.mosaic.runtime.metrics.Metric.SIMS_ACC2;
import static io.mosaic.runtime.metrics.Metric.SIMS_ACC3;
import static io.mosaic.runtime.metrics.Metric.SIMS_ACC5;
import static io.mosaic.runtime.metrics.Metric.SIMS_CORR;
import static io.mosaic.runtime.metrics.Metric.SIMS_F1;
import static io.mosaic.runtime.metrics.Metric.SIMS_MAE;

import java.util.List;
import java.util.Locale;

/**
 * The metrics an evaluation reports: MMSA's MOSI/MOSEI set for scores in [-3, 3], its SIMS set for scores in
 * [-1, 1], or the class metrics of a classification task (with CIDer's polarity metrics for three classes). Every family also reports {@code loss}.
 */
public enum MetricFamily {
    MOSI(List.of(ACC2_HAS0, F1_HAS0, ACC2_NON0, F1_NON0, ACC3, ACC5, ACC7, MAE, CORR, LOSS)),
    SIMS(List.of(SIMS_ACC2, SIMS_ACC3, SIMS_ACC5, SIMS_F1, SIMS_MAE, SIMS_CORR, LOSS)),
    CLASSES(List.of(ACCURACY, F1_WEIGHTED, F1_MACRO, LOSS)),
    /** Three classes read as negative, neutral, positive: the class metrics and CIDer's non-0 Acc-2 and F1. */
    POLARITY(List.of(ACCURACY, F1_WEIGHTED, F1_MACRO, ACC2_NON0, F1_NON0, LOSS));

    private final List<Metric> metrics;

    MetricFamily(List<Metric> metrics) {
        this.metrics = metrics;
    }

    /** The metrics this family reports, {@code loss} last. */
    public List<Metric> metrics() {
        return metrics;
    }

    public boolean reports(String id) {
        return metrics.stream().anyMatch(m -> m.id().equals(id));
    }

    /**
     * The metrics of predictions against targets, without {@code loss} (the trainer adds it): predicted and true
     * scores for {@link #MOSI} and {@link #SIMS}, predicted and true class ids for {@link #CLASSES}.
     */
    public MetricSet compute(double[] predictions, double[] targets) {
        return switch (this) {
            case MOSI -> MosiMetrics.compute(predictions, targets);
            case SIMS -> SimsMetrics.compute(predictions, targets);
            case CLASSES -> ClassificationMetrics.compute(classIds(predictions), classIds(targets));
            case POLARITY -> ClassificationMetrics.polarity(classIds(predictions), classIds(targets));
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static int[] classIds(double[] values) {
        int[] ids = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ids[i] = (int) values[i];
        }
        return ids;
    }
}
