package io.mosaic.runtime.assembly;

import java.util.List;

/**
 * The {@code evaluate:} block as written: missing-modality sweeps run on the selected checkpoint, and its settings.
 *
 * @param sweeps protocol entries, each with its {@code rates}
 */
public record EvaluateBlock(List<Entry> sweeps, Settings settings) {

    public EvaluateBlock {
        sweeps = List.copyOf(sweeps);
    }
}
