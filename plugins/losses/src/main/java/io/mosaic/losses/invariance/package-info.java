/**
 * SATI's invariance objectives: {@code cmd}, the central moment discrepancy between modalities' shared codes (eq. 2),
 * and {@code temporal-invariance}, the Jensen-Shannon divergence between adjacent steps' batch distributions
 * (eq. 6–7). Both ignore padding.
 */
package io.mosaic.losses.invariance;
