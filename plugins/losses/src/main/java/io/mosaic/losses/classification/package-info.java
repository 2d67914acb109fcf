/** Classification losses: {@code cross-entropy}. */
package io.mosaic.losses.classification;
