/**
 * The pieces shared by the fusions that run a pre-LN Transformer over the inputs joined along time ({@code mct},
 * {@code transformer}): the block layout, positional encoding, layer norm, feed-forward, the packed Q/K/V
 * in-projection, the layer and the layer stack.
 */
package io.mosaic.fusion.layers;
