/** The {@code mct} fusion: CIDer's Multimodal Composite Transformer with multimodal composite attention (MCA). */
package io.mosaic.fusion.mct;
