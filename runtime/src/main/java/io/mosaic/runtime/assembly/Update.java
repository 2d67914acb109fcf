package io.mosaic.runtime.assembly;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the objectives of one batch become optimizer steps. */
public enum Update {
    /** One step on the weighted sum of every objective. */
    COMBINED,
    /**
     * CIDer's schedule (reference/cider.md §3.2): a step on the objectives that read only the clean view, then, with
     * the updated weights, a forward pass of the other views and a step on their objectives, the clean gradients
     * still accumulated.
     */
    PER_VIEW;

    static final List<String> IDS = Arrays.stream(values()).map(Update::id).toList();

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Update fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
