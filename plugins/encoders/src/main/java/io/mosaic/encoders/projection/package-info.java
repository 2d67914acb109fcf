/** The {@code pointwise-projection} encoder. */
package io.mosaic.encoders.projection;
