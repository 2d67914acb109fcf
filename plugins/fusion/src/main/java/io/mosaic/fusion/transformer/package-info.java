/** The {@code transformer} fusion: a plain pre-LN Transformer encoder over the inputs joined along time. */
package io.mosaic.fusion.transformer;
