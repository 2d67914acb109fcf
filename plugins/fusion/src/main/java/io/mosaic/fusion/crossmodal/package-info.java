/**
 * The {@code crossmodal} fusion: MulT's crossmodal transformers (Tsai et al., 2019), each target modality attended by
 * every other, then a self-attention Transformer over each target's concatenated streams.
 */
package io.mosaic.fusion.crossmodal;
