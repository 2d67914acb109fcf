package io.mosaic.runtime.data.mmsa;

import java.util.List;
import java.util.Locale;

/**
 * The range of a feature file's sentiment labels, as {@code data.scale} chooses it: MOSI's and MOSEI's [−3, 3] or
 * CH-SIMS' [−1, 1]. Regression on data of SIMS' scale is scored with SIMS' metrics (mmsa.md section 1.7).
 */
enum LabelScale {
    MOSI("MOSI and MOSEI's scale", 3),
    SIMS("SIMS' scale", 1);

    /** What {@code data.scale} takes: {@code auto} or a scale's name. */
    static final List<String> CHOICES = List.of("auto", "mosi", "sims");
    /** How far a label may lie outside its scale's range, for rounding in files that store the scale's bounds. */
    static final double TOLERANCE = 0.01;

    private final String description;
    private final double bound;

    LabelScale(String description, double bound) {
        this.description = description;
        this.bound = bound;
    }

    /**
     * The scale {@code choice} names; {@code auto} is SIMS' when the file carries unimodal labels
     * ({@code regression_labels_T/A/V}, which only SIMS files have) and every label of every split lies within
     * [−1, 1], and MOSI's otherwise (e.g. a testbed export, whose unimodal labels are on MOSI's scale).
     *
     * @param splits the file's splits, their labels finite
     */
    static LabelScale of(String choice, List<FeatureSplit> splits) {
        return switch (choice) {
            case "mosi" -> MOSI;
            case "sims" -> SIMS;
            case "auto" -> splits.get(0).hasModalityScores() && splits.stream().allMatch(SIMS::holds) ? SIMS : MOSI;
            default -> throw new IllegalArgumentException("unknown label scale '" + choice + "'; expected one of "
                    + CHOICES);
        };
    }

    /** Whether {@code label} lies within [−bound, bound], give or take {@link #TOLERANCE}. */
    boolean contains(double label) {
        return Math.abs(label) <= bound + TOLERANCE;
    }

    /** {@code outside [-1, 1], SIMS' scale}. */
    String outside() {
        return String.format(Locale.ROOT, "outside [%.0f, %.0f], %s", -bound, bound, description);
    }

    private boolean holds(FeatureSplit split) {
        for (float[] labels : split.labels().values()) {
            for (float label : labels) {
                if (!contains(label)) {
                    return false;
                }
            }
        }
        return true;
    }
}
