package io.mosaic.losses.distillation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.api.protocol.MissingProtocol;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reconstruction of the input positions a missing-modality protocol removed. For each modality m, the student's tap
 * {@code <prediction>.<m>} [B, T, D_m] is compared with the teacher view's input frames x_m [B, T, D_m] at the
 * positions the student's tap {@code removed.<m>} [B, T] marks with 1:
 * L_m = Σ SmoothL1_β=1(r ⊙ pred − r ⊙ x) / (Σ r · D_m + 1e-6), and L = Σ_m L_m.
 * SmoothL1 with β = 1 is ½d² where |d| &lt; 1 and |d| − ½ elsewhere.
 */
final class FeatureReconstruction implements Objective {
    static final String NAME = "feature-reconstruction";
    private static final float EPSILON = 1e-6f;

    private final ViewPair pair;
    private final String prediction;
    private final List<Modality> modalities;

    /** @param prediction the prefix of the student's reconstruction taps, {@code <prediction>.<modality>} */
    FeatureReconstruction(ViewPair pair, String prediction, List<Modality> modalities) {
        this.pair = pair;
        this.prediction = prediction;
        this.modalities = List.copyOf(modalities);
    }

    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>();
        for (Modality modality : modalities) {
            taps.add(predictionTap(modality));
            taps.add(MissingProtocol.removedTap(modality));
        }
        return Collections.unmodifiableSet(taps);
    }

    @Override
    public Set<String> views() {
        return pair.names();
    }

    @Override
    public NDArray loss(Views views) {
        NDArray total = null;
        for (Modality modality : modalities) {
            NDArray loss = loss(views, modality);
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }

    private NDArray loss(Views views, Modality modality) {
        String removedTap = MissingProtocol.removedTap(modality);
        if (!views.taps(pair.student()).has(removedTap)) {
            throw new IllegalArgumentException(NAME + " reads tap '" + removedTap + "' of view '" + pair.student()
                    + "', which did not record it: only a view corrupted by a missing-modality protocol marks the "
                    + "positions it removed; set '" + ViewPair.STUDENT + "' to such a view");
        }
        String predictionTap = predictionTap(modality);
        NDArray predicted = pair.studentTap(views, predictionTap);
        NDArray target = views.batch(pair.teacher()).input(modality).values().stopGradient();
        NDArray removed = pair.studentTap(views, removedTap).toType(DataType.FLOAT32, false).stopGradient();
        Shape shape = target.getShape();
        if (!predicted.getShape().equals(shape)) {
            throw new IllegalArgumentException(NAME + " reads tap '" + predictionTap + "' as a reconstruction of the "
                    + modality.id() + " input " + shape + ", found " + predicted.getShape());
        }
        Shape positions = shape.slice(0, 2);
        if (!removed.getShape().equals(positions)) {
            throw new IllegalArgumentException(NAME + " reads tap '" + removedTap + "' as the removed positions "
                    + positions + " of the " + modality.id() + " input " + shape + ", found " + removed.getShape());
        }
        NDArray mask = removed.expandDims(2);
        NDArray difference = predicted.mul(mask).sub(target.mul(mask));
        NDArray absolute = difference.abs();
        NDArray smoothL1 = NDArrays.where(absolute.lt(1), Scalars.times(difference.square(), 0.5), absolute.sub(0.5f));
        NDArray count = removed.sum().mul(shape.get(2)).add(EPSILON);
        return smoothL1.sum().div(count);
    }

    private String predictionTap(Modality modality) {
        return prediction + "." + modality.id();
    }
}
