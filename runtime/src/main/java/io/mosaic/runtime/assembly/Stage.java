package io.mosaic.runtime.assembly;

import java.util.List;

/**
 * One stage of a training schedule.
 *
 * @param frozen     slots whose parameters do not train in this stage
 * @param objectives names of the objectives that apply (all when the stage does not say)
 */
public record Stage(String name, int epochs, List<String> frozen, List<String> objectives) {

    public Stage {
        frozen = List.copyOf(frozen);
        objectives = List.copyOf(objectives);
    }
}
