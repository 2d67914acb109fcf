/**
 * The {@code semantic-fusion} fusion: SATI's text-guided cross-attention streams, gated by factorised bilinear pooling
 * of the shared codes.
 */
package io.mosaic.fusion.semantic;
