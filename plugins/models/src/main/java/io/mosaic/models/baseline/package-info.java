/** The {@code baseline} pipeline: per-modality encoder chains, a fusion and a head. */
package io.mosaic.models.baseline;
