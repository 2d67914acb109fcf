/** The {@code gru} encoder. */
package io.mosaic.encoders.recurrent;
