/**
 * SATI's adversarial learning: {@code modality-discriminator}, a discriminator behind gradient reversal trained
 * with an additive angular margin loss to tell the modalities apart from their codes (eq. 3–5).
 */
package io.mosaic.losses.adversarial;
