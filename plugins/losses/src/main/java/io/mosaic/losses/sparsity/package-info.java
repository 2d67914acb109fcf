/** {@code mask-sparsity}: S2LIF's sparsity regulariser Σ exp(−s_i) on a feature mask's thresholds (eq. 12). */
package io.mosaic.losses.sparsity;
