/** What the pipelines of this bundle share. */
package io.mosaic.models.support;
