/**
 * Self-MM's late fusion with unimodal heads (Yu et al., 2021; {@code reference/mmsa.md} §3.1) as a pipeline: pooled
 * per-modality encoders, a fusion of the pooled vectors, and four heads (fusion, text, audio, vision) whose first
 * layer's output is kept as the features F_f, F_t, F_a, F_v.
 */
package io.mosaic.models.selfmm;
