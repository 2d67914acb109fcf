package io.mosaic.runtime.data;

import io.mosaic.api.data.Modality;
import io.mosaic.api.data.SpecialTokens;
import java.util.EnumMap;
import java.util.Map;

/**
 * One labelled sample.
 *
 * @param id              unique within its dataset
 * @param score           sentiment score (in [-3, 3] for MOSI-style data)
 * @param domain          domain id, 0 when the data has one domain
 * @param tokenIds        text token ids aligned with the text frames (padding is {@link SpecialTokens#PAD}), or
 *                        {@code null} when the data has no token ids
 * @param frames          per modality
 * @param modalityScores  per modality, a unimodal score where the data has one (SIMS' human T/A/V labels, the
 *                        testbed's modality-specific scores y_s); empty otherwise
 * @param fileClass       the class the data file gives the sample (MMSA's {@code classification_labels}, read when an
 *                        assembly says {@code labels: file}), or {@link #NO_FILE_CLASS}: the task's class of the score
 */
public record Sample(String id, float score, int domain, int[] tokenIds, Map<Modality, Frames> frames,
                     Map<Modality, Float> modalityScores, int fileClass) {

    /** The {@link #fileClass()} of a sample whose class is the task's class of its score. */
    public static final int NO_FILE_CLASS = -1;

    public Sample {
        frames = Map.copyOf(new EnumMap<>(frames));
        modalityScores = Map.copyOf(modalityScores);
        if (fileClass < NO_FILE_CLASS) {
            throw new IllegalArgumentException("sample " + id + ": class " + fileClass + " is negative");
        }
    }

    /** A sample whose class is the task's class of its score. */
    public Sample(String id, float score, int domain, int[] tokenIds, Map<Modality, Frames> frames,
                  Map<Modality, Float> modalityScores) {
        this(id, score, domain, tokenIds, frames, modalityScores, NO_FILE_CLASS);
    }

    /** A sample without unimodal scores. */
    public Sample(String id, float score, int domain, int[] tokenIds, Map<Modality, Frames> frames) {
        this(id, score, domain, tokenIds, frames, Map.of());
    }

    /** This sample as one of domain {@code newDomain}, its id prefixed {@code <domain>:} so that files' ids differ. */
    public Sample inDomain(int newDomain) {
        return new Sample(newDomain + ":" + id, score, newDomain, tokenIds, frames, modalityScores, fileClass);
    }

    public Frames frames(Modality modality) {
        Frames f = frames.get(modality);
        if (f == null) {
            throw new IllegalArgumentException("sample " + id + " has no " + modality.id() + " frames");
        }
        return f;
    }
}
