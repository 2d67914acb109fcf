/**
 * The model side: features, modules (DJL blocks built with known shapes), the factories of encoders, fusions and
 * heads, pipelines with slots, and the named intermediate tensors (taps) a forward pass exposes.
 */
@Export
@Version("1.13.0")
package io.mosaic.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
