package io.mosaic.losses.coral;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.Views;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code coral} with trained projections: each modality's features F_m [B, D_m] are mapped to the common width d by a
 * linear map P_m (no bias: a bias moves the mean, never the covariance, so it would get no gradient) before the CORAL
 * terms, as the seed projects the features "into a low-dimensional space of dimension d". The maps belong to the
 * objective: trained with the model, checkpointed, counted apart from it and unused at inference.
 */
final class ProjectedCoral extends ObjectiveModule {
    private final CoralTerms terms;
    private final Map<Modality, Integer> widths = new EnumMap<>(Modality.class);
    private final Map<Modality, Linear> projections = new EnumMap<>(Modality.class);

    /**
     * @param widths D_m, one per modality of {@link CoralTerms#modalities()}, in that order
     * @param dim    d
     */
    ProjectedCoral(CoralTerms terms, List<Integer> widths, int dim, BuildContext context) {
        this.terms = terms;
        List<Modality> modalities = terms.modalities();
        for (int i = 0; i < modalities.size(); i++) {
            Modality modality = modalities.get(i);
            this.widths.put(modality, widths.get(i));
            projections.put(modality, child("projection_" + modality.id(), Linear.builder().setUnits(dim)
                    .optBias(false).build(), context, new Shape(1, widths.get(i))));
        }
    }

    @Override
    public Set<String> taps() {
        return terms.taps();
    }

    @Override
    public NDArray loss(Views views) {
        ParameterStore store = views.parameters();
        Map<Modality, NDArray> projected = new EnumMap<>(Modality.class);
        terms.read(views.cleanTaps()).forEach((modality, values) -> {
            if (values.getShape().get(1) != widths.get(modality)) {
                throw new IllegalArgumentException(CoralTerms.NAME + " projects tap '" + terms.tap(modality)
                        + "' from width " + widths.get(modality) + " (its entry in 'widths'), found "
                        + values.getShape());
            }
            projected.put(modality, projections.get(modality).forward(store, new NDList(values), true)
                    .singletonOrThrow());
        });
        return terms.loss(projected);
    }
}
