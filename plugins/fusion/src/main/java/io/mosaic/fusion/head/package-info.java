/** The {@code mlp} head. */
package io.mosaic.fusion.head;
