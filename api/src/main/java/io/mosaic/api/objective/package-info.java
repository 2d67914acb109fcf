/** Objectives: losses and regularisers that read taps, possibly across several views of a batch. */
@Export
@Version("1.2.0")
package io.mosaic.api.objective;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
