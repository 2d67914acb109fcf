/**
 * The pieces shared by the attention modules of this bundle ({@code mct}, {@code transformer},
 * {@code transformer-encoder}, {@code semantic-fusion}): the block layout, positional encoding, layer norm,
 * feed-forward, the packed Q/K/V in-projection, multi-head self-attention, the pre-LN layer and the layer stack.
 */
package io.mosaic.fusion.layers;
