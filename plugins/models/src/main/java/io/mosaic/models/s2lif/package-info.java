/**
 * S2LIF (Zhao et al., ACM MM 2024, "Learning in Order!") as a pipeline: text and vision encoder chains ending in the
 * pooled domain-invariant tokens x_c'_t and x_c'_v (eq. 13–15), a classifier on the first modality alone and one on
 * both (eq. 16), and the order in which they learn (eq. 17–19) as the stages the pipeline proposes.
 */
package io.mosaic.models.s2lif;
