package io.mosaic.losses.maci;

import static io.mosaic.api.data.SpecialTokens.CLS;
import static io.mosaic.api.data.SpecialTokens.MASK;
import static io.mosaic.api.data.SpecialTokens.PAD;
import static io.mosaic.api.data.SpecialTokens.SEP;
import static io.mosaic.api.data.SpecialTokens.UNK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.SpecialTokens;
import io.mosaic.api.data.Task;
import io.mosaic.api.debias.Debiaser;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.FitsTrainingSplit;
import io.mosaic.api.model.Module;
import io.mosaic.losses.testing.DataContext;
import io.mosaic.losses.testing.ListSplit;
import io.mosaic.losses.testing.SampleBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CounterfactualTextTest {
    /** Large enough for the special ids (up to MASK = 103). */
    private static final int VOCABULARY = 120;
    private static final int STEPS = 6;

    /**
     * Six training samples (class, length, ids). Per-class counts of the non-special valid tokens:
     * 14: [3, 3, 2] total 8, CV 0.177; 10: [4, 0, 0] total 4, CV 1.414; 12: [2, 1, 1] total 4, CV 0.354;
     * 15: [0, 1, 0] total 1, CV 1.414; 11: [1, 1, 1] total 3, CV 0. Token 16 appears only in padding.
     */
    private static final long[][] TRAIN = {
            {0, 6, CLS, 14, 14, 14, 10, SEP},
            {0, 6, CLS, 10, 10, 10, 11, SEP},
            {1, 6, CLS, 14, 14, 14, 11, SEP},
            {0, 4, CLS, 12, 12, SEP, 16, 16},
            {1, 6, CLS, 12, 15, UNK, MASK, SEP},
            {2, 6, CLS, 14, 14, 11, 12, SEP}};

    private final CounterfactualTextFactory factory = new CounterfactualTextFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Debiaser build(Map<String, Object> raw) {
        DataSpec data = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(STEPS, 2),
                Modality.AUDIO, FeatureShape.sequence(STEPS, 1)), VOCABULARY, new Task(3));
        return factory.create(Parameters.of(factory.parameters(), raw), data, new DataContext(manager, data));
    }

    /**
     * A batch of {@code samples} (class, length, ids); a position's text features are (id, t), so a mean over
     * positions shows which were included; audio is 7 everywhere.
     */
    private static Batch batch(NDManager m, long[]... samples) {
        long[] labels = new long[samples.length];
        long[] lengths = new long[samples.length];
        long[] ids = new long[samples.length * STEPS];
        float[] text = new float[samples.length * STEPS * 2];
        for (int b = 0; b < samples.length; b++) {
            labels[b] = samples[b][0];
            lengths[b] = samples[b][1];
            for (int t = 0; t < STEPS; t++) {
                ids[b * STEPS + t] = samples[b][2 + t];
                text[(b * STEPS + t) * 2] = samples[b][2 + t];
                text[(b * STEPS + t) * 2 + 1] = t;
            }
        }
        float[] audio = new float[samples.length * STEPS];
        Arrays.fill(audio, 7);
        return SampleBatch.labelled(m, labels)
                .with(Modality.TEXT, STEPS, 2, text, lengths)
                .with(Modality.AUDIO, STEPS, 1, audio, lengths)
                .tokens(STEPS, ids)
                .build();
    }

    private ListSplit split(long[]... samples) {
        List<Function<NDManager, Batch>> batches = new ArrayList<>();
        for (int from = 0; from < samples.length; from += 3) {
            long[][] part = Arrays.copyOfRange(samples, from, Math.min(samples.length, from + 3));
            batches.add(m -> batch(m, part));
        }
        return new ListSplit(manager, batches);
    }

    private static int[] dictionary(Debiaser debiaser) {
        float[] words = debiaser.getParameters().get("dictionary").getArray().toFloatArray();
        return IntStream.range(0, words.length).filter(id -> words[id] == 1).toArray();
    }

    private static float[] mask(Debiaser debiaser) {
        return debiaser.getParameters().get("mask").getArray().toFloatArray();
    }

    @Test
    void fitsTheWordsAboveTheVariationThresholdAndTheMeanNonSpecialFeature() {
        Debiaser debiaser = build(Map.of());

        ((FitsTrainingSplit) debiaser).fit(split(TRAIN));

        // 11 has CV 0 < 0.1; 16 lies only in padding; special ids are never counted
        assertThat(dictionary(debiaser)).containsExactly(10, 12, 14, 15);
        // the 20 non-special valid positions: ids sum to 248, steps to 46
        assertThat(mask(debiaser)).containsExactly(new float[] {12.4f, 2.3f}, within(1e-5f));
        assertThat(Module.isBuffer(debiaser.getParameters().get("dictionary"))).isTrue();
        assertThat(Module.isBuffer(debiaser.getParameters().get("mask"))).isTrue();
    }

    @Test
    void breaksTiesInTotalCountByFirstOccurrenceAsTheReferenceDoes() {
        // The reference fills a dict in data order and sorts it stably by total count (bert_dataloader.py), so of
        // two tokens with equal totals the one seen first ranks first, whatever their ids.
        BiasWords counts = new BiasWords(VOCABULARY, 3);
        long[] tokens = {15, 12, 40, 12, 15, 40, 40};
        for (long token : tokens) {
            counts.add(token, 0);
        }
        assertThat(counts.select(100, 0.1)).containsExactly(40, 15, 12);

        Debiaser debiaser = build(Map.of("words", 2));
        ((FitsTrainingSplit) debiaser).fit(split(
                new long[] {0, 6, CLS, 15, 13, 12, 15, SEP},
                new long[] {2, 6, CLS, 12, 13, 14, 14, SEP},
                new long[] {0, 6, CLS, 14, 14, 14, 14, SEP}));
        // 14 (6 in total) and then 15 (2, first seen before 12 and 13 that also count 2); ids do not matter
        assertThat(dictionary(debiaser)).containsExactly(14, 15);
    }

    @Test
    void ordersByTotalCountAndKeepsTheTopWords() {
        BiasWords counts = new BiasWords(VOCABULARY, 3);
        for (long[] sample : TRAIN) {
            for (int t = 0; t < sample[1]; t++) {
                if (!SpecialTokens.isSpecial(sample[2 + t])) {
                    counts.add(sample[2 + t], sample[0]);
                }
            }
        }
        assertThat(counts.select(100, 0.1)).containsExactly(14, 10, 12, 15);
        assertThat(counts.select(2, 0.1)).containsExactly(14, 10);
        // 14 (CV 0.177) drops at 0.2, 12 (CV 0.354) at 0.4; a threshold of 0 keeps 11 too
        assertThat(counts.select(100, 0.2)).containsExactly(10, 12, 15);
        assertThat(counts.select(100, 0.4)).containsExactly(10, 15);
        assertThat(counts.select(100, 0.0)).containsExactly(14, 10, 12, 11, 15);

        Debiaser debiaser = build(Map.of("words", 3));
        ((FitsTrainingSplit) debiaser).fit(split(TRAIN));
        assertThat(dictionary(debiaser)).containsExactly(10, 12, 14);
    }

    @Test
    void counterfactualKeepsExactlyTheSpecialTokensAndTheBiasWords() {
        Debiaser debiaser = build(Map.of());
        ((FitsTrainingSplit) debiaser).fit(split(TRAIN));
        Batch input = batch(manager,
                new long[] {2, 6, CLS, 14, 7, UNK, 12, SEP},
                new long[] {1, 4, CLS, 11, MASK, SEP, 9, PAD});
        float[] text = input.input(Modality.TEXT).values().toFloatArray();
        long[] ids = input.tokenIds().orElseThrow().toLongArray();

        Batch counterfactual;
        try (NDManager scope = manager.newSubManager()) {
            counterfactual = debiaser.counterfactual(new ParameterStore(manager, false), input, scope);
            // 7 and 11 are masked; the 9 after the second sample's length is padding and stays
            assertThat(counterfactual.tokenIds().orElseThrow().toLongArray()).containsExactly(
                    CLS, 14, MASK, UNK, 12, SEP,
                    CLS, MASK, MASK, SEP, 9, PAD);
            float[] expected = text.clone();
            for (int at : new int[] {2, 7}) {
                expected[at * 2] = 12.4f;
                expected[at * 2 + 1] = 2.3f;
            }
            assertThat(counterfactual.input(Modality.TEXT).values().toFloatArray())
                    .containsExactly(expected, within(1e-5f));
            assertThat(counterfactual.input(Modality.TEXT).values().getManager()).isSameAs(scope);
            assertThat(counterfactual.tokenIds().orElseThrow().getManager()).isSameAs(scope);
            assertThat(counterfactual.input(Modality.TEXT).lengths()).isSameAs(input.input(Modality.TEXT).lengths());
            assertThat(counterfactual.input(Modality.AUDIO)).isSameAs(input.input(Modality.AUDIO));
            assertThat(counterfactual.labels()).isSameAs(input.labels());
            assertThat(counterfactual.ids()).isEqualTo(input.ids());
        }
        assertThat(input.tokenIds().orElseThrow().toLongArray()).containsExactly(ids);
        assertThat(input.input(Modality.TEXT).values().toFloatArray()).containsExactly(text);
    }

    @Test
    void stateComesOnlyFromWhatFitWasGiven() {
        Debiaser debiaser = build(Map.of());
        ((FitsTrainingSplit) debiaser).fit(split(TRAIN));
        int[] dictionary = dictionary(debiaser);
        float[] mask = mask(debiaser);

        // a validation-like batch with other words and features leaves the fitted state as it was
        Batch other = batch(manager, new long[] {2, 6, CLS, 30, 30, 30, 31, SEP});
        try (NDManager scope = manager.newSubManager()) {
            debiaser.counterfactual(new ParameterStore(manager, false), other, scope);
        }
        assertThat(dictionary(debiaser)).containsExactly(dictionary);
        assertThat(mask(debiaser)).containsExactly(mask);

        // fitting again replaces the state: nothing of the first split remains
        ((FitsTrainingSplit) debiaser).fit(split(new long[] {2, 6, CLS, 30, 30, 30, 31, SEP}));
        assertThat(dictionary(debiaser)).containsExactly(30, 31);
        assertThat(mask(debiaser)).containsExactly(new float[] {30.25f, 2.5f}, within(1e-6f));
    }

    @Test
    void combineSubtractsTheScaledCounterfactual() {
        Debiaser debiaser = build(Map.of());
        NDArray factual = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        NDArray counterfactual = manager.create(new float[] {0.5f, -1, 2, 0}, new Shape(2, 2));

        assertThat(debiaser.combine(factual, counterfactual, 0.5).toFloatArray())
                .containsExactly(0.75f, 2.5f, 2, 4);
        assertThat(debiaser.combine(factual, counterfactual, 0).toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThatThrownBy(() -> debiaser.combine(factual, counterfactual.reshape(4), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found factual (2, 2) and counterfactual (4)");
    }

    @Test
    void triesCidersStrengthsUnlessTold() {
        List<Double> strengths = build(Map.of()).strengths();

        assertThat(strengths).hasSize(31).startsWith(0.0, 0.1, 0.2).endsWith(2.9, 3.0);
        for (int i = 0; i < strengths.size(); i++) {
            assertThat(strengths.get(i)).isCloseTo(i / 10.0, within(1e-12));
        }
        assertThat(build(Map.of("strengths", List.of(0.5, 1.0))).strengths()).containsExactly(0.5, 1.0);
    }

    @Test
    void needsTokenIdsAndClassLabels() {
        Map<Modality, FeatureShape> text = Map.of(Modality.TEXT, FeatureShape.sequence(STEPS, 2));
        DataSpec withoutIds = new DataSpec(text, 0, new Task(3));
        DataSpec regression = new DataSpec(text, VOCABULARY, Task.REGRESSION);
        Parameters defaults = Parameters.defaults(factory.parameters());

        assertThatThrownBy(() -> factory.create(defaults, withoutIds, new DataContext(manager, withoutIds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the data carries none (vocabulary 0)");
        assertThatThrownBy(() -> factory.create(defaults, regression, new DataContext(manager, regression)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a classification task")
                .hasMessageContaining("found regression");
    }

    @Test
    void rejectsABatchWithoutTokenIdsOrWithIdsOutsideTheVocabulary() {
        Debiaser debiaser = build(Map.of());
        Batch withoutIds = SampleBatch.labelled(manager, 0)
                .with(Modality.TEXT, STEPS, 2, new float[STEPS * 2], STEPS)
                .build();
        Batch outside = batch(manager, new long[] {0, 6, CLS, 14, VOCABULARY, 12, 12, SEP});

        assertThatThrownBy(() -> debiaser.counterfactual(new ParameterStore(manager, false), withoutIds, manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counterfactual-text needs the batch's token ids");
        assertThatThrownBy(() -> ((FitsTrainingSplit) debiaser).fit(
                new ListSplit(manager, List.of(m -> outside))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a token id is in [0, 120), found 120");
    }
}
