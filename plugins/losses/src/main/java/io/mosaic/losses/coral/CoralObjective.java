package io.mosaic.losses.coral;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.data.Modality;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import java.util.Map;
import java.util.Set;

/** {@code coral} on the taps as they are: every tap the pairs name must have the same width d. */
final class CoralObjective implements Objective {
    private final CoralTerms terms;
    private final int dim;

    /** @param dim the width every tap must have, or 0 for any common width */
    CoralObjective(CoralTerms terms, int dim) {
        this.terms = terms;
        this.dim = dim;
    }

    @Override
    public Set<String> taps() {
        return terms.taps();
    }

    @Override
    public NDArray loss(Views views) {
        Map<Modality, NDArray> features = terms.read(views.cleanTaps());
        Modality first = terms.modalities().get(0);
        long width = dim > 0 ? dim : features.get(first).getShape().get(1);
        features.forEach((modality, values) -> {
            if (values.getShape().get(1) != width) {
                throw new IllegalArgumentException(CoralTerms.NAME + " compares features of one width d, but tap '"
                        + terms.tap(modality) + "' is " + values.getShape() + (dim > 0 ? ", not of width " + dim
                        + " ('dim')" : " and '" + terms.tap(first) + "' " + features.get(first).getShape())
                        + "; give 'widths' (one per modality) and 'dim' to project them to d");
            }
        });
        return terms.loss(features);
    }
}
