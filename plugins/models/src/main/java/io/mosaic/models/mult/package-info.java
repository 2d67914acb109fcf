/**
 * MulT (Tsai et al., 2019) as a pipeline: per-modality encoder chains, the crossmodal fusion, per-modality pooling of
 * each target's fused sequence, a residual joint representation and a head.
 */
package io.mosaic.models.mult;
