/** Helpers shared by the objectives of this bundle (not exported). */
package io.mosaic.losses.support;
