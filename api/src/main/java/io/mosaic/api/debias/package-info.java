/**
 * Debiasers: counterfactual reasoning at evaluation. A model's output on a batch is combined with its output on the
 * batch's counterfactual (what remains when only the bias is kept), with a strength tuned on the validation split.
 */
@Export
@Version("1.0.0")
package io.mosaic.api.debias;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
