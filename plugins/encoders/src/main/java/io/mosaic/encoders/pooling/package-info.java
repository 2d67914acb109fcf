/** Encoders that pool a sequence to a vector: {@code masked-mean-pool} and {@code last-step-pool}. */
package io.mosaic.encoders.pooling;
