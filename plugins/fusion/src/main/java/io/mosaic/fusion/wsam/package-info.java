/** The {@code wsam} fusion: CIDer's word-level self-aligned attention. */
package io.mosaic.fusion.wsam;
