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
    /** The test split of the source domains, which {@link #domainTests()} reports beside each target domain's. */
    String SOURCE_TEST = "source";
    /** How many classes samples take from their file: MMSA's negative, neutral and positive. */
    int FILE_CLASSES = 3;

    /** The name of target domain {@code domain}'s test split in {@link #domainTests()}: {@code target-<domain>}. */
    static String targetTest(int domain) {
        return "target-" + domain;
    }

    /** A short description for logs and reports, e.g. {@code testbed mosi-like seed 1111}. */
    String description();

    /** Per modality, the padded length and width of its frames. */
    Map<Modality, FeatureShape> shapes();

    /** The number of token ids (ids are in [0, vocabulary)), or 0 when the samples carry none. */
    int vocabulary();

    /** The dataset's splits: {@code train}, {@code valid}, {@code test} and any a split file adds. */
    List<String> splitNames();

    /**
     * The test splits the final report gives one by one beside {@code test} when the data trains on some domains and
     * tests on others: {@link #SOURCE_TEST} (the source domains' test split), then {@link #targetTest(int)} for each
     * target domain, whose test splits together form {@code test}. Empty when the data has no such split of domains.
     * {@link #domainTest(String)} opens them; like {@code test}, they are read for the final evaluation only.
     */
    default List<String> domainTests() {
        return List.of();
    }

    /** A split of {@link #domainTests()}. */
    default Split domainTest(String name) {
        throw new IllegalArgumentException(description() + " has no domain test split '" + name + "'; it has "
                + domainTests());
    }

    /**
     * Opens and checks what this dataset holds back until the final evaluation (the files of target domains), as
     * {@code mosaic validate} does; training never calls it.
     *
     * @throws IllegalArgumentException naming what cannot be used, as opening the rest would
     */
    default void openHeldOut() {
    }

    /** Whether samples carry the class their file gives ({@link Sample#fileClass()}), one of {@link #FILE_CLASSES}. */
    default boolean classesFromFile() {
        return false;
    }

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
