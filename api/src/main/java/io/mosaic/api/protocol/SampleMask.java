package io.mosaic.api.protocol;

import io.mosaic.api.data.Modality;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which positions of one sample a protocol removed. Only removable positions (see
 * {@link SampleLayout#removable}) can be removed; padding and [CLS]/[SEP] always stay.
 */
public final class SampleMask {
    private final SampleLayout layout;
    private final Map<Modality, boolean[]> removed = new EnumMap<>(Modality.class);

    /** A mask that removes nothing yet. */
    public SampleMask(SampleLayout layout) {
        this.layout = layout;
        layout.steps().forEach((modality, steps) -> removed.put(modality, new boolean[steps]));
    }

    public SampleLayout layout() {
        return layout;
    }

    /** Removes position {@code t} of {@code modality} if it is removable; returns whether it was. */
    public boolean remove(Modality modality, int t) {
        if (!layout.removable(modality, t)) {
            return false;
        }
        removed.get(modality)[t] = true;
        return true;
    }

    /** Removes every removable position of {@code modality}. */
    public void removeAll(Modality modality) {
        for (int t = 0; t < layout.steps(modality); t++) {
            remove(modality, t);
        }
    }

    public boolean removed(Modality modality, int t) {
        return removed.get(modality)[t];
    }

    /** How many positions of {@code modality} were removed. */
    public int removedCount(Modality modality) {
        int count = 0;
        for (boolean r : removed.get(modality)) {
            count += r ? 1 : 0;
        }
        return count;
    }
}
