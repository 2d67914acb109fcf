/** The {@code transformer-encoder} encoder: torch's Transformer encoder layers over one sequence. */
package io.mosaic.fusion.encoder;
