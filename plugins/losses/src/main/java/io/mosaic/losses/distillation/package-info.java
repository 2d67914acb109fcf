/**
 * CIDer's model-specific self-distillation (MSSD): objectives that pull the forward pass on a view corrupted by a
 * missing-modality protocol (the student) towards the pass on the clean batch (the teacher, read without gradient).
 * {@code joint-distillation} compares joint representations, {@code attention-distillation} attention maps and
 * {@code feature-reconstruction} reconstructs the removed input positions.
 */
package io.mosaic.losses.distillation;
