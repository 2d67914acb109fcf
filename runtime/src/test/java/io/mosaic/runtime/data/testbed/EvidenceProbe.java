package io.mosaic.runtime.data.testbed;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;

/**
 * Reads a modality's planted sentiment evidence back out of a generated sample, where the generator puts it: text,
 * the balance (positive − negative)/(positive + negative) of its sentiment words (0 without any); audio, the mean of
 * its invariant dimensions over the real frames; vision, the same over the keyframes.
 */
final class EvidenceProbe {

    private final Testbed testbed;

    EvidenceProbe(Testbed testbed) {
        this.testbed = testbed;
    }

    double evidence(PlantedSample planted, Modality modality) {
        return switch (modality) {
            case TEXT -> sentimentBalance(planted.sample());
            case AUDIO -> invariantMean(planted.sample().frames(Modality.AUDIO), testbed.config().audio(),
                    realFrames(planted.sample().frames(Modality.AUDIO).length()));
            case VISION -> invariantMean(planted.sample().frames(Modality.VISION), testbed.config().vision(),
                    planted.visionKeyframes());
        };
    }

    private double sentimentBalance(Sample sample) {
        Lexicon lexicon = testbed.lexicon();
        int positive = 0;
        int negative = 0;
        for (int t = 0; t < sample.frames(Modality.TEXT).length(); t++) {
            int id = sample.tokenIds()[t];
            positive += lexicon.positive().contains(id) ? 1 : 0;
            negative += lexicon.negative().contains(id) ? 1 : 0;
        }
        return positive + negative == 0 ? 0 : (positive - negative) / (double) (positive + negative);
    }

    private static double invariantMean(Frames frames, FrameLayout layout, int[] steps) {
        double sum = 0;
        int count = 0;
        for (int t : steps) {
            for (int k = 0; k < frames.dim(); k++) {
                if (layout.isInvariant(k)) {
                    sum += frames.at(t, k);
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static int[] realFrames(int length) {
        int[] steps = new int[length];
        for (int t = 0; t < length; t++) {
            steps[t] = t;
        }
        return steps;
    }
}
