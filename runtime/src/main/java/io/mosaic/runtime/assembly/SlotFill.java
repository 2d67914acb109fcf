package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.List;

/**
 * What an assembly puts in one slot: one component, or a list of them applied in order.
 *
 * @param listed whether the assembly wrote a list (only chain slots accept one)
 */
public record SlotFill(String slot, List<ComponentUse> components, boolean listed, Origin origin) {

    public SlotFill {
        components = List.copyOf(components);
    }
}
