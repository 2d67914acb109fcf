/** The {@code dropout} encoder. */
package io.mosaic.encoders.dropout;
