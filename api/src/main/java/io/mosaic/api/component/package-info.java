/**
 * Components: factories registered as OSGi services, each with a kind, a name and a typed parameter schema.
 */
@Export
@Version("1.2.0")
package io.mosaic.api.component;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
