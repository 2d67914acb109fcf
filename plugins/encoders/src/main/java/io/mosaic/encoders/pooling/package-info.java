/**
 * Encoders that pool a sequence to a vector: {@code masked-mean-pool}, {@code last-step-pool},
 * {@code first-token-pool} and {@code attention-pool}.
 */
package io.mosaic.encoders.pooling;
