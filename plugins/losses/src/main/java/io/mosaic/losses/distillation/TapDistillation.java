package io.mosaic.losses.distillation;

import io.mosaic.api.objective.Objective;
import java.util.Set;

/** An objective that compares one tap between a teacher view and a student view. */
abstract class TapDistillation implements Objective {
    protected final ViewPair pair;
    protected final String tap;

    TapDistillation(ViewPair pair, String tap) {
        this.pair = pair;
        this.tap = tap;
    }

    @Override
    public final Set<String> taps() {
        return Set.of(tap);
    }

    @Override
    public final Set<String> views() {
        return pair.names();
    }
}
