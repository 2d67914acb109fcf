/**
 * Objectives: losses and regularisers that read taps, possibly across several views of a batch, and objectives that
 * keep state over the training split ({@link io.mosaic.api.objective.StatefulObjective}).
 */
@Export
@Version("1.3.0")
package io.mosaic.api.objective;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
