package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.runtime.data.Frames;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenFeaturesTest {

    private static final TextLayout TEXT = new TextLayout(6, 4, 120, 2, 1);

    @Test
    void withoutContextNoiseAFeatureIsItsEmbeddingRowAndPaddingIsZero() {
        TokenFeatures features = new TokenFeatures(TEXT, 0, 9);
        int[] ids = {101, 110, 110, 102, 0, 0};

        Frames frames = features.features(new SplittableRandom(1), ids, 4);

        assertThat(frames.length()).isEqualTo(4);
        for (int t = 0; t < 4; t++) {
            float[] row = Arrays.copyOfRange(frames.values(), t * 4, t * 4 + 4);
            assertThat(row).containsExactly(features.embedding(ids[t]));
        }
        assertThat(Arrays.copyOfRange(frames.values(), 16, 24)).containsOnly(0f);
    }

    @Test
    void contextNoiseHasItsStandardDeviation() {
        TokenFeatures clean = new TokenFeatures(TEXT, 0, 9);
        TokenFeatures noisy = new TokenFeatures(TEXT, 0.5, 9);
        int[] ids = {101, 110, 111, 112, 113, 102};
        double squares = 0;
        int n = 0;
        for (int i = 0; i < 500; i++) {
            float[] a = clean.features(new SplittableRandom(i), ids, 6).values();
            float[] b = noisy.features(new SplittableRandom(i), ids, 6).values();
            for (int k = 0; k < a.length; k++) {
                squares += (b[k] - a[k]) * (b[k] - a[k]);
                n++;
            }
        }

        assertThat(Math.sqrt(squares / n)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void theTableIsStandardNormalAndFixedByItsSeed() {
        TokenFeatures features = new TokenFeatures(TEXT, 0, 9);
        double sum = 0;
        double squares = 0;
        for (int id = 0; id < 120; id++) {
            for (float v : features.embedding(id)) {
                sum += v;
                squares += v * v;
            }
        }

        // 480 entries: the mean's standard error is 0.046, the variance's about 0.065.
        assertThat(sum / 480).isCloseTo(0, within(0.15));
        assertThat(squares / 480).isCloseTo(1, within(0.2));
        assertThat(new TokenFeatures(TEXT, 0, 9).embedding(42)).containsExactly(features.embedding(42));
        assertThat(new TokenFeatures(TEXT, 0, 10).embedding(42)).isNotEqualTo(features.embedding(42));
    }
}
