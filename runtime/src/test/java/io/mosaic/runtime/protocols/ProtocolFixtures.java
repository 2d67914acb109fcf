package io.mosaic.runtime.protocols;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Data, random layouts and mask statistics shared by the protocol tests. */
final class ProtocolFixtures {
    /** Samples per statistical check. */
    static final int SAMPLES = 4000;
    /** MOSI-like unaligned data: text tokens, and longer audio and shorter vision sequences. */
    static final DataSpec UNALIGNED = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(50, 8),
            Modality.AUDIO, FeatureShape.sequence(60, 5), Modality.VISION, FeatureShape.sequence(40, 3)), 30522,
            Task.REGRESSION);
    /** Word-aligned data ({@code aligned_50}): every modality has the text's 50 positions. */
    static final DataSpec ALIGNED = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(50, 8),
            Modality.AUDIO, FeatureShape.sequence(50, 5), Modality.VISION, FeatureShape.sequence(50, 3)), 30522,
            Task.REGRESSION);

    private ProtocolFixtures() {
    }

    /**
     * {@code count} layouts of {@code data} with [CLS]/[SEP], each length uniform in [minLength, steps] (one length
     * for all modalities of aligned data, as in aligned_50 files).
     */
    static List<SampleLayout> layouts(DataSpec data, int count, int minLength, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Modality, Integer> steps = new EnumMap<>(Modality.class);
        data.inputs().forEach((modality, shape) -> steps.put(modality, shape.steps()));
        List<SampleLayout> layouts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<Modality, Integer> lengths = new EnumMap<>(Modality.class);
            int shared = random.nextInt(minLength, steps.get(Modality.TEXT) + 1);
            for (Map.Entry<Modality, Integer> entry : steps.entrySet()) {
                lengths.put(entry.getKey(), data.aligned() ? shared : random.nextInt(minLength, entry.getValue() + 1));
            }
            layouts.add(new SampleLayout(steps, lengths, true));
        }
        return layouts;
    }

    static MissingProtocol create(ProtocolFactory factory, Map<String, ?> parameters, DataSpec data) {
        return factory.create(Parameters.of(factory.parameters(), parameters), data);
    }

    /** One mask per layout at {@code rate}, each sample drawing from its own stream split off a seeded root. */
    static List<SampleMask> masks(MissingProtocol protocol, List<SampleLayout> layouts, double rate, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SampleMask> masks = new ArrayList<>(layouts.size());
        for (SampleLayout layout : layouts) {
            masks.add(protocol.mask(layout, rate, root.split()));
        }
        return masks;
    }

    /** One training mask per layout, streams as in {@link #masks}. */
    static List<SampleMask> trainingMasks(MissingProtocol protocol, List<SampleLayout> layouts, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SampleMask> masks = new ArrayList<>(layouts.size());
        for (SampleLayout layout : layouts) {
            masks.add(protocol.trainingMask(layout, root.split()));
        }
        return masks;
    }

    /** How many positions of {@code modality} the masks removed, over all samples. */
    static long removed(List<SampleMask> masks, Modality modality) {
        return masks.stream().mapToLong(mask -> mask.removedCount(modality)).sum();
    }

    /** How many positions of {@code modality} could be removed, over all samples. */
    static long removable(List<SampleMask> masks, Modality modality) {
        return masks.stream().mapToLong(mask -> removable(mask.layout(), modality)).sum();
    }

    static int removable(SampleLayout layout, Modality modality) {
        int count = 0;
        for (int t = 0; t < layout.steps(modality); t++) {
            count += layout.removable(modality, t) ? 1 : 0;
        }
        return count;
    }

    /** Whether the mask removed every removable position of {@code modality} (and it had some). */
    static boolean removedEntirely(SampleMask mask, Modality modality) {
        int removable = removable(mask.layout(), modality);
        return removable > 0 && mask.removedCount(modality) == removable;
    }

    /**
     * Five binomial standard errors, 5·sqrt(p(1 − p)/n), for a frequency of n independent events of probability
     * p: a correct protocol lands outside with probability below 6e-7, and at p = 0 or 1 the bound is exact.
     */
    static double tolerance(double p, long n) {
        return 5 * Math.sqrt(p * (1 - p) / n);
    }
}
