/**
 * Missing-modality protocols: which positions of a sample a protocol removes at a given missing rate. The same
 * protocol serves as a training view (a corrupted copy of each batch) and as an evaluation sweep over rates.
 */
@Export
@Version("1.0.0")
package io.mosaic.api.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
