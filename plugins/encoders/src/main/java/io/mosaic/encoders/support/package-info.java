/** Helpers shared by the encoders of this bundle (not exported). */
package io.mosaic.encoders.support;
