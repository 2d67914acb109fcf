package io.mosaic.losses.coral;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.losses.support.CodeTaps;
import io.mosaic.losses.support.TapTemplate;
import io.mosaic.losses.support.TimeMean;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sum over the pairs of the seed's Table II syntax: CORAL(F_A, F_B) for "A-B", repulsion(CORAL(F_A, F_B)) for
 * "A+B", where F_m [B, d] is modality m's tap (sequences averaged over their valid steps), after the objective's
 * projection if it has one. A batch of one sample has no covariance: the sum is then 0.
 */
final class CoralTerms {
    static final String NAME = "coral";

    private final List<CoralPair> pairs;
    private final List<Modality> modalities;
    private final String template;
    private final Repulsion repulsion;
    private final double margin;

    /**
     * @param template the taps' name, {@code {m}} standing for the modality
     * @param margin   m of {@link Repulsion#HINGE}
     */
    CoralTerms(List<CoralPair> pairs, String template, Repulsion repulsion, double margin) {
        this.pairs = List.copyOf(pairs);
        this.modalities = named(pairs);
        this.template = template;
        this.repulsion = repulsion;
        this.margin = margin;
    }

    /** The modalities the pairs name, in {@link Modality} order (text, audio, vision). */
    List<Modality> modalities() {
        return modalities;
    }

    private static List<Modality> named(List<CoralPair> pairs) {
        Set<Modality> named = new LinkedHashSet<>();
        for (Modality modality : Modality.values()) {
            for (CoralPair pair : pairs) {
                if (pair.first() == modality || pair.second() == modality) {
                    named.add(modality);
                }
            }
        }
        return List.copyOf(named);
    }

    String tap(Modality modality) {
        return TapTemplate.expand(template, modality);
    }

    Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>();
        modalities.forEach(modality -> taps.add(tap(modality)));
        return Collections.unmodifiableSet(taps);
    }

    /**
     * Each modality's tap as [B, D], a sequence as its mean over valid steps.
     *
     * @throws IllegalArgumentException when a tap is missing or the taps' batch sizes differ
     */
    Map<Modality, NDArray> read(Taps taps) {
        Map<Modality, NDArray> features = new EnumMap<>(Modality.class);
        Modality first = modalities.get(0);
        for (Modality modality : modalities) {
            NDArray values = TimeMean.of(CodeTaps.read(taps, tap(modality), NAME, 0));
            features.put(modality, values);
            if (values.getShape().get(0) != features.get(first).getShape().get(0)) {
                throw new IllegalArgumentException(NAME + " reads taps '" + tap(first) + "' and '" + tap(modality)
                        + "' as features of one batch, found " + features.get(first).getShape() + " and "
                        + values.getShape());
            }
        }
        return features;
    }

    /** The sum of the pairs' terms over {@code features} [B, d] per modality, all of one width d. */
    NDArray loss(Map<Modality, NDArray> features) {
        NDArray any = features.values().iterator().next();
        if (any.getShape().get(0) < 2) {
            return Scalars.times(any.sum(), 0);
        }
        NDArray total = null;
        for (CoralPair pair : pairs) {
            NDArray distance = Coral.distance(features.get(pair.first()), features.get(pair.second()));
            NDArray term = pair.kind() == CoralPair.Kind.ALIGN ? distance : repulsion.of(distance, margin);
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
