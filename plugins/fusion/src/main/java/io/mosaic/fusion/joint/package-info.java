/** The {@code residual-mlp} fusion: CIDer's joint representation of pooled vectors. */
package io.mosaic.fusion.joint;
