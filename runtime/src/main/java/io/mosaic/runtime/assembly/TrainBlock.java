package io.mosaic.runtime.assembly;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code train:} block as written: its own settings and its nested blocks.
 *
 * @param optimizer       the optimizer's own settings, without its groups
 * @param optimizerGroups the entries of {@code train.optimizer.groups}
 * @param views           the extra views each training step runs, by name (each a protocol entry)
 */
public record TrainBlock(Settings settings, Settings optimizer, List<Settings> optimizerGroups, Settings select,
                         List<Settings> stages, Map<String, Entry> views) {

    public TrainBlock {
        optimizerGroups = List.copyOf(optimizerGroups);
        stages = List.copyOf(stages);
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
    }
}
