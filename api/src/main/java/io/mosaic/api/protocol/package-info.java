/**
 * Missing-modality and noise protocols: which positions of a sample a protocol removes at a given missing rate, and
 * (since 1.1) what it adds to the features of the others at a given noise level. The same protocol serves as a
 * training view (a corrupted copy of each batch) and as an evaluation sweep over levels.
 */
@Export
@Version("1.1.0")
package io.mosaic.api.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
