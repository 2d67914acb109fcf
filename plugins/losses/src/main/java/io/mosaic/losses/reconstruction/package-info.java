/**
 * {@code code-reconstruction}: the reconstruction term of SATI's official code (a MISA leftover, not in the paper),
 * an optional objective.
 */
package io.mosaic.losses.reconstruction;
