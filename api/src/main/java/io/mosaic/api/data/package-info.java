/** Data as models see it: modalities, tasks, the shape of a dataset, and batches of tensors. */
@Export
@Version("1.2.0")
package io.mosaic.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
