/** Optimizers over DJL parameters whose state can be checkpointed and restored exactly. */
package io.mosaic.runtime.train.optim;
