package io.mosaic.losses.ulgm;

/**
 * How ULGM generates labels (mmsa.md §3.4, step 4).
 *
 * @param clamp       H: generated labels are clamped to [−H, H]
 * @param distance    how a feature's distance to a class centre is measured
 * @param excludeZero whether samples labelled 0 are left out of the positive centre ({@code excludeZero} in MMSA)
 */
record Generation(double clamp, Distance distance, boolean excludeZero) {
}
