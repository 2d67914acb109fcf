package io.mosaic.runtime.assembly;

import java.util.List;

/** The {@code train:} block as written: its own settings and its nested blocks. */
public record TrainBlock(Settings settings, Settings optimizer, Settings select, List<Settings> stages) {

    public TrainBlock {
        stages = List.copyOf(stages);
    }
}
