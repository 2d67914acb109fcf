package io.mosaic.runtime.metrics;

import static io.mosaic.runtime.metrics.Direction.HIGHER_IS_BETTER;
import static io.mosaic.runtime.metrics.Direction.LOWER_IS_BETTER;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every metric Mosaic reports, each with a stable id (used in assemblies, run folders and reports) and the
 * direction in which it improves. One id means one definition: SIMS's binned metrics have ids of their own.
 */
public enum Metric {
    ACC2_HAS0("acc2_has0", HIGHER_IS_BETTER, "Acc-2 of p >= 0 vs y >= 0 over all samples"),
    F1_HAS0("f1_has0", HIGHER_IS_BETTER, "weighted F1 of p >= 0 vs y >= 0 over all samples"),
    ACC2_NON0("acc2_non0", HIGHER_IS_BETTER, "Acc-2 of p > 0 vs y > 0 over samples with y != 0"),
    F1_NON0("f1_non0", HIGHER_IS_BETTER, "weighted F1 of p > 0 vs y > 0 over samples with y != 0"),
    ACC3("acc3", HIGHER_IS_BETTER, "Acc-3: scores clipped to [-1, 1], rounded half to even"),
    ACC5("acc5", HIGHER_IS_BETTER, "Acc-5: scores clipped to [-2, 2], rounded half to even"),
    ACC7("acc7", HIGHER_IS_BETTER, "Acc-7: scores clipped to [-3, 3], rounded half to even"),
    MAE("mae", LOWER_IS_BETTER, "mean absolute error of the unclipped scores"),
    CORR("corr", HIGHER_IS_BETTER, "Pearson correlation of the unclipped scores"),
    SIMS_ACC2("sims_acc2", HIGHER_IS_BETTER, "SIMS Acc-2: clipped to [-1, 1], bins (-1.01, 0], (0, 1.01]"),
    SIMS_ACC3("sims_acc3", HIGHER_IS_BETTER, "SIMS Acc-3: clipped to [-1, 1], bin edges -0.1, 0.1"),
    SIMS_ACC5("sims_acc5", HIGHER_IS_BETTER, "SIMS Acc-5: clipped to [-1, 1], bin edges -0.7, -0.1, 0.1, 0.7"),
    SIMS_F1("sims_f1", HIGHER_IS_BETTER, "SIMS weighted F1 of the Acc-2 bins"),
    SIMS_MAE("sims_mae", LOWER_IS_BETTER, "mean absolute error of the scores clipped to [-1, 1]"),
    SIMS_CORR("sims_corr", HIGHER_IS_BETTER, "Pearson correlation of the scores clipped to [-1, 1]"),
    ACCURACY("accuracy", HIGHER_IS_BETTER, "fraction of predicted class ids equal to the true ones"),
    F1_WEIGHTED("f1_weighted", HIGHER_IS_BETTER, "per-class F1 weighted by true-class support"),
    F1_MACRO("f1_macro", HIGHER_IS_BETTER, "unweighted mean of per-class F1"),
    LOSS("loss", LOWER_IS_BETTER, "mean objective over the evaluated split, supplied by the trainer");

    private final String id;
    private final Direction direction;
    private final String description;

    Metric(String id, Direction direction, String description) {
        this.id = id;
        this.direction = direction;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    public String description() {
        return description;
    }

    /** The metric with this id; an unknown id is an {@link IllegalArgumentException} that lists the known ones. */
    public static Metric fromId(String id) {
        for (Metric metric : values()) {
            if (metric.id.equals(id)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric id '" + id + "', expected one of " + knownIds());
    }

    /** The metric with this id, if Mosaic knows it (a file may name metrics of a later version). */
    public static Optional<Metric> find(String id) {
        return Arrays.stream(values()).filter(metric -> metric.id.equals(id)).findFirst();
    }

    private static String knownIds() {
        return Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        return id;
    }
}
