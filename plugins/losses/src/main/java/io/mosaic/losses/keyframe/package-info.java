/**
 * {@code keyframe-reconstruction}: S2LIF's reconstruction loss (appendix A.1, eq. 23) between a trained GRU's states
 * over the frames a {@code keyframe-mask} kept and over all of them, padding ignored.
 */
package io.mosaic.losses.keyframe;
