package io.mosaic.api.objective;

import io.mosaic.api.model.Module;

/**
 * An objective that owns trainable parameters: a modality discriminator and its classifier weight, say. The runtime
 * builds it with the model, trains its parameters with the model's optimizer, saves them in checkpoints, and counts
 * them apart from the model's (they do not run at inference). Read the parameters through
 * {@link Views#parameters()} in {@link #loss}.
 */
public abstract class ObjectiveModule extends Module implements Objective {
}
