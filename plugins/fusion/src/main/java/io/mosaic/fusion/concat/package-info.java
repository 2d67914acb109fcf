/** The {@code concat} fusion. */
package io.mosaic.fusion.concat;
