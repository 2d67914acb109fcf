/**
 * SATI (Xu et al., 2024) as a pipeline: per-modality encoders and projection, shared (invariant) and private
 * (specific) per-step codes, semantic-guided gated fusion, a context encoder, pooling and a head.
 */
package io.mosaic.models.sati;
