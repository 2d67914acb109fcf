package io.mosaic.losses.reconstruction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.support.CodeTaps;
import io.mosaic.losses.support.TimeMean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reconstruction term of SATI's official code, a MISA leftover that the paper's eq. 14 does not have (brief §3).
 * For each modality m: u_m = the time-mean over valid steps of ({@code <m>.<private>} + {@code <m>.<shared>}) [B, H];
 * r_m = Linear_m(u_m) (H → H, with bias, no activation); L_m = the mean of (r_mb − x_mbt)² over every valid step t of
 * the target {@code <m>.<target>} [B, T, H] and every feature, the prediction repeated over the steps as the code's
 * broadcast does. L = the mean of L_m over the modalities. Padded steps count in neither the mean nor the error.
 */
final class CodeReconstruction extends ObjectiveModule {
    static final String NAME = "code-reconstruction";

    /** The suffixes of the taps read for every modality. */
    record Suffixes(String privateCodes, String sharedCodes, String target) {
    }

    private final List<Modality> modalities;
    private final Suffixes suffixes;
    private final int width;
    private final List<Block> decoders = new ArrayList<>();

    CodeReconstruction(List<Modality> modalities, Suffixes suffixes, int width, BuildContext context) {
        this.modalities = List.copyOf(modalities);
        this.suffixes = suffixes;
        this.width = width;
        for (Modality modality : modalities) {
            decoders.add(child("decoder-" + modality.id(), Linear.builder().setUnits(width).build(), context,
                    new Shape(1, width)));
        }
    }

    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>();
        for (Modality modality : modalities) {
            taps.add(CodeTaps.name(modality, suffixes.privateCodes()));
            taps.add(CodeTaps.name(modality, suffixes.sharedCodes()));
            taps.add(CodeTaps.name(modality, suffixes.target()));
        }
        return Collections.unmodifiableSet(taps);
    }

    @Override
    public NDArray loss(Views views) {
        ParameterStore store = views.parameters();
        Taps taps = views.cleanTaps();
        NDArray total = null;
        for (int m = 0; m < modalities.size(); m++) {
            NDArray loss = loss(store, taps, modalities.get(m), decoders.get(m));
            total = total == null ? loss : total.add(loss);
        }
        return Scalars.dividedBy(total, modalities.size());
    }

    private NDArray loss(ParameterStore store, Taps taps, Modality modality, Block decoder) {
        Features privateCodes = sequence(taps, CodeTaps.name(modality, suffixes.privateCodes()));
        Features sharedCodes = sequence(taps, CodeTaps.name(modality, suffixes.sharedCodes()));
        Features target = sequence(taps, CodeTaps.name(modality, suffixes.target()));
        Shape shape = privateCodes.values().getShape();
        if (!sharedCodes.values().getShape().equals(shape) || !target.values().getShape().equals(shape)) {
            throw new IllegalArgumentException(NAME + " reads taps '" + CodeTaps.name(modality, suffixes.privateCodes())
                    + "', '" + CodeTaps.name(modality, suffixes.sharedCodes()) + "' and '"
                    + CodeTaps.name(modality, suffixes.target()) + "' as sequences of one shape, found " + shape
                    + ", " + sharedCodes.values().getShape() + " and " + target.values().getShape());
        }
        NDArray codes = TimeMean.of(privateCodes.withValues(privateCodes.values().add(sharedCodes.values())));
        NDArray reconstruction = decoder.forward(store, new NDList(codes), true).singletonOrThrow();
        NDArray valid = TimeMean.validSteps(target);
        NDArray error = reconstruction.expandDims(1).sub(target.paddingZeroed()).square()
                .mul(valid.expandDims(2));
        NDArray count = Scalars.atLeast(Scalars.times(valid.sum(), width), 1);
        return error.sum().div(count);
    }

    private Features sequence(Taps taps, String tap) {
        Features features = CodeTaps.read(taps, tap, NAME, width);
        if (!features.isSequence()) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as a sequence [B, T, " + width
                    + "] with lengths, found " + features.values().getShape());
        }
        return features;
    }
}
