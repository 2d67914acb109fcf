package io.mosaic.losses.ulgm;

import java.util.Locale;

/** How ULGM measures the distance from a feature to a class centre. */
enum Distance {
    /** MMSA's and Self-MM's code: the Euclidean norm ‖F − C‖ (mmsa.md §3.4, step 4). */
    L2 {
        @Override
        double of(double squaredNorm, int dim) {
            return Math.sqrt(squaredNorm);
        }
    },
    /** The Self-MM paper's Eq. 3: the squared norm scaled by the width, ‖F − C‖² / √d. */
    SCALED {
        @Override
        double of(double squaredNorm, int dim) {
            return squaredNorm / Math.sqrt(dim);
        }
    };

    /** The distance whose squared Euclidean norm is {@code squaredNorm}, for features of width {@code dim}. */
    abstract double of(double squaredNorm, int dim);

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Distance of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
