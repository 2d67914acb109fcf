/**
 * {@code keyframe-mask}: S2LIF's keyframe-aware masking (appendix A.1, eq. 20–22), the local difference over a
 * replicate-padded window, the global difference by multi-head self-attention, an MLP to keep/drop probabilities and a
 * straight-through Gumbel-softmax decision applied to the frames.
 */
package io.mosaic.encoders.keyframe;
