package io.mosaic.api.data;

import java.util.Locale;

/**
 * What a model predicts from a sentiment score y in [-3, 3]: the score itself, or one of 2, 3, 5 or 7 classes
 * derived from it as MMSA does.
 *
 * @param classes 0 for regression, else the number of classes
 */
public record Task(int classes) {

    public static final Task REGRESSION = new Task(0);

    public Task {
        if (classes != 0 && classes != 2 && classes != 3 && classes != 5 && classes != 7) {
            throw new IllegalArgumentException("a task has 2, 3, 5 or 7 classes, or 0 for regression; got " + classes);
        }
    }

    /** Reads {@code regression} or {@code classes-N}. */
    public static Task parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("regression")) {
            return REGRESSION;
        }
        if (t.startsWith("classes-")) {
            try {
                return new Task(Integer.parseInt(t.substring("classes-".length())));
            } catch (IllegalArgumentException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("unknown task '" + text + "'; expected regression, classes-2, classes-3, "
                + "classes-5 or classes-7");
    }

    public boolean isRegression() {
        return classes == 0;
    }

    /** How many numbers a model outputs per sample: 1 for regression, else the number of classes. */
    public int outputs() {
        return isRegression() ? 1 : classes;
    }

    /**
     * The class of score {@code y}. Two classes: non-negative (1) against negative (0), MMSA's "has-0" reading.
     * Three, five and seven classes: y clipped to [-1, 1], [-2, 2] or [-3, 3], rounded half to even, and shifted to
     * start at 0 (MMSA's Acc-3/5/7 bins).
     */
    public int classOf(double y) {
        return switch (classes) {
            case 2 -> y >= 0 ? 1 : 0;
            case 3, 5, 7 -> {
                int half = classes / 2;
                yield (int) Math.rint(Math.max(-half, Math.min(half, y))) + half;
            }
            default -> throw new IllegalStateException("a regression task has no classes");
        };
    }

    @Override
    public String toString() {
        return isRegression() ? "regression" : "classes-" + classes;
    }
}
