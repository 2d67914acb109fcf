package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StagePlanTest {

    @Test
    void readsExactNamesAndWholePrefixesOnly() {
        StagePlan vision = new StagePlan("vision", List.of("text"), List.of("vision.", "prediction"));

        assertThat(vision.reads("prediction")).isTrue();
        assertThat(vision.reads("vision.mask.threshold")).isTrue();
        // an exact name is not a prefix, and a prefix needs its dot
        assertThat(vision.reads("prediction.text")).isFalse();
        assertThat(vision.reads("visionary")).isFalse();
        assertThat(vision.reads("text.mask.threshold")).isFalse();
    }
}
