/**
 * S2LIF's learnable feature mask (seed eq. 6–11; IMO's r/s mask, {@code reference/s2lif.md} §2):
 * {@code feature-mask}, which filters every token's features by m = r ⊙ F(|r| − s) and records m, the thresholds s
 * and its keep ratio as taps, and {@code token-similarity-pool}, which pools the masked tokens by their softmaxed
 * similarity to that m (eq. 14–15).
 */
package io.mosaic.encoders.mask;
