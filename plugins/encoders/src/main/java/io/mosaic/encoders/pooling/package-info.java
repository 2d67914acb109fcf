/**
 * Encoders that pool a sequence to a vector: {@code masked-mean-pool}, {@code last-step-pool} and
 * {@code attention-pool}.
 */
package io.mosaic.encoders.pooling;
