package io.mosaic.runtime.data;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A dataset with its splits (at least {@code train}, {@code valid}, {@code test}). */
public interface Dataset {

    String TRAIN = "train";
    String VALID = "valid";
    String TEST = "test";

    /** A short description for logs and reports, e.g. {@code testbed mosi-like seed 1111}. */
    String description();

    /** Per modality, the padded length and width of its frames. */
    Map<Modality, FeatureShape> shapes();

    /** The number of token ids (ids are in [0, vocabulary)), or 0 when the samples carry none. */
    int vocabulary();

    List<String> splitNames();

    /**
     * Whether the sentiment scores follow CH-SIMS' scale, [-1, 1] with per-modality labels, rather than MOSI's
     * [-3, 3]: regression on such data is scored with SIMS' metrics.
     */
    default boolean simsScale() {
        return false;
    }

    /**
     * The modalities whose samples all carry a unimodal label ({@link Sample#modalityScores()}): SIMS' human T/A/V
     * labels, or the testbed's modality-specific scores; empty when the data has none.
     */
    default Set<Modality> unimodalLabels() {
        return Set.of();
    }

    Split split(String name);
}
