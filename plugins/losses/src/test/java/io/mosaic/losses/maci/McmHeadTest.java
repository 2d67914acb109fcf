package io.mosaic.losses.maci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Taps;
import io.mosaic.losses.testing.DataContext;
import io.mosaic.losses.testing.ListSplit;
import io.mosaic.losses.testing.SampleBatch;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class McmHeadTest {
    /** The tiny case: text d=2 and audio d=1, hidden 2, D_r = 3. */
    private static final int[] WIDTHS = {2, 1};
    private static final int HIDDEN = 2;
    private static final int REPRESENTATION = 3;
    private static final float[] R = {0.5f, -1, 2, 1.5f, 0.25f, -0.75f};

    private final McmHeadFactory factory = new McmHeadFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(5);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static DataSpec data(Map<Modality, FeatureShape> inputs, int classes) {
        return new DataSpec(inputs, 0, new Task(classes));
    }

    private static Map<Modality, FeatureShape> textAndAudio() {
        return Map.of(Modality.TEXT, FeatureShape.sequence(3, WIDTHS[0]),
                Modality.AUDIO, FeatureShape.sequence(4, WIDTHS[1]));
    }

    private Head build(DataSpec data, int representation, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), FeatureShape.vector(representation),
                data.task().classes(), new DataContext(manager, data));
    }

    private Head tiny(int classes) {
        return build(data(textAndAudio(), classes), REPRESENTATION, Map.of("hidden", HIDDEN));
    }

    private NDArray forward(Head head, boolean training) {
        return head.forward(new ParameterStore(manager, false),
                Features.pooled(manager.create(R, new Shape(2, REPRESENTATION))), new Taps(), training);
    }

    private static long trainable(Head head) {
        return head.getParameters().values().stream().filter(p -> !Module.isBuffer(p))
                .mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void hasCidersParameterCountForMosiShapesAndTwoBuffers() {
        DataSpec mosi = data(Map.of(Modality.TEXT, FeatureShape.sequence(50, 768),
                Modality.AUDIO, FeatureShape.sequence(375, 5), Modality.VISION, FeatureShape.sequence(500, 20)), 3);
        Head head = build(mosi, 96, Map.of());

        // MLPs: text 768·32+32 + 2·(32·32+32) = 26,720; audio 2,304; vision 2,784; classifiers 3·(192·3+3) = 1,737
        assertThat(trainable(head)).isEqualTo(26_720 + 2_304 + 2_784 + 1_737).isEqualTo(33_545);
        Parameter confounders = head.getParameters().get("confounders");
        Parameter prior = head.getParameters().get("prior");
        assertThat(Module.isBuffer(confounders)).isTrue();
        assertThat(Module.isBuffer(prior)).isTrue();
        assertThat(confounders.getArray().getShape()).isEqualTo(new Shape(3, 768 + 5 + 20));
        assertThat(prior.getArray().getShape()).isEqualTo(new Shape(3));
        assertThat(head.getParameters().values().stream().filter(Module::isBuffer).count()).isEqualTo(2);
    }

    @Test
    void usesOnlyTheChosenModalitiesTheDataHas() {
        // no vision in the data; audio not chosen: text MLP 2·2+2 + 2·(2·2+2) = 18, classifiers 3·((3+2)·3+3) = 54
        Head head = build(data(textAndAudio(), 3), REPRESENTATION,
                Map.of("hidden", HIDDEN, "modalities", List.of("vision", "text")));

        assertThat(trainable(head)).isEqualTo(18 + 54);
        assertThat(head.getParameters().get("confounders").getArray().getShape()).isEqualTo(new Shape(3, 2));
    }

    @Test
    void fitsClassMeansOverTrueLengthsAndTheLabelFrequencies() {
        Head head = tiny(3);
        // padded frames hold 100, which would show in any mean that included them
        ListSplit split = new ListSplit(manager, List.of(
                m -> SampleBatch.labelled(m, 0, 2, 0)
                        .with(Modality.TEXT, 3, 2, new float[] {1, 2, 3, 4, 100, 100, 0, 0, 3, 3, 6, -3,
                                5, -1, 100, 100, 100, 100}, 2, 3, 1)
                        .with(Modality.AUDIO, 4, 1, new float[] {1, 2, 3, 6, 4, 8, 100, 100,
                                100, 100, 100, 100}, 4, 2, 0)
                        .build(),
                m -> SampleBatch.labelled(m, 1, 0)
                        .with(Modality.TEXT, 3, 2, new float[] {2, 2, 6, 0, 100, 100, 1, 1, 1, 1, 4, 1}, 2, 3)
                        .with(Modality.AUDIO, 4, 1, new float[] {7, 100, 100, 100, 0, 2, 100, 100}, 1, 2)
                        .build()));

        ((McmHead) head).fit(split);

        // text means: class 0 {(2,3), (5,-1), (2,1)} → (3,1); class 1 {(4,1)}; class 2 {(3,0)}.
        // audio means: class 0 {3, 1} (the third sample has no audio frame) → 2; class 1 {7}; class 2 {6}.
        assertThat(head.getParameters().get("confounders").getArray().toFloatArray())
                .containsExactly(new float[] {3, 1, 2, 4, 1, 7, 3, 0, 6}, within(1e-6f));
        assertThat(head.getParameters().get("prior").getArray().toFloatArray())
                .containsExactly(new float[] {0.6f, 0.2f, 0.2f}, within(1e-7f));
    }

    @Test
    void trainingOutputIsThePriorWeightedMixtureOfEachClassifierOnItsOwnConfounder() {
        Head head = tiny(2);
        randomize(head);
        float[] dictionary = {0.5f, -1, 2, 1, 0.25f, -0.5f};
        float[] prior = {0.25f, 0.75f};
        setBuffers(head, dictionary, prior);

        float[] out = forward(head, true).toFloatArray();

        double[][] confounders = {{0.5, -1, 2}, {1, 0.25, -0.5}};
        assertThat(out).containsExactly(expected(head, confounders, new double[] {0.25, 0.75}), within(1e-5f));
    }

    @Test
    void evaluationGivesEveryClassifierTheClassBalancedMeanConfounderAndAUniformPrior() {
        Head head = tiny(2);
        randomize(head);
        setBuffers(head, new float[] {0.5f, -1, 2, 1, 0.25f, -0.5f}, new float[] {0.1f, 0.9f});

        float[] out = forward(head, false).toFloatArray();

        double[] mean = {0.75, -0.375, 0.75};
        assertThat(out).containsExactly(expected(head, new double[][] {mean, mean}, new double[] {0.5, 0.5}),
                within(1e-5f));
    }

    @Test
    void outputsAreLogProbabilitiesInBothPasses() {
        Head head = tiny(3);
        randomize(head);
        setBuffers(head, new float[] {1, 2, 3, -1, 0, 1, 2, 2, -2}, new float[] {0.2f, 0.3f, 0.5f});

        for (boolean training : new boolean[] {true, false}) {
            NDArray out = forward(head, training);
            assertThat(out.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(out.exp().sum(new int[] {1}).toFloatArray()).containsExactly(new float[] {1, 1},
                    within(1e-6f));
        }
    }

    @Test
    void aClassAbsentFromTrainingDropsOutWithoutNan() {
        Head head = tiny(3);
        randomize(head);
        // class 1 had no training sample: a zero row and a zero prior, as fit leaves them
        setBuffers(head, new float[] {1, 2, 3, 0, 0, 0, 2, 2, -2}, new float[] {0.4f, 0, 0.6f});
        double[] present = {0, 0, 0};

        NDArray representation = manager.create(R, new Shape(2, REPRESENTATION));
        representation.setRequiresGradient(true);
        float[] training;
        float[] gradient;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = head.forward(new ParameterStore(manager, false), Features.pooled(representation),
                    new Taps(), true);
            training = out.toFloatArray();
            collector.backward(out.get(":, 0").sum());
            gradient = representation.getGradient().toFloatArray();
        }
        float[] evaluation = forward(head, false).toFloatArray();

        double[][] dictionary = {{1, 2, 3}, present, {2, 2, -2}};
        assertThat(training).containsExactly(expected(head, dictionary, new double[] {0.4, 0, 0.6}),
                within(1e-5f));
        for (float g : gradient) {
            assertThat(g).isFinite();
        }
        double[] mean = {1.5, 2, 0.5};
        assertThat(evaluation).containsExactly(
                expected(head, new double[][] {mean, mean, mean}, new double[] {0.5, 0, 0.5}), within(1e-5f));
    }

    @Test
    void refusesAForwardPassBeforeFit() {
        Head head = tiny(2);

        assertThatThrownBy(() -> forward(head, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mcm's prior is zero");
    }

    @Test
    void needsClassLabels() {
        DataSpec regression = new DataSpec(textAndAudio(), 0, Task.REGRESSION);

        assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()),
                FeatureShape.vector(3), 1, new DataContext(manager, regression)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mcm needs class labels")
                .hasMessageContaining("found regression");
    }

    @Test
    void needsTheDataSpecAndOneOutputPerClass() {
        assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()), FeatureShape.vector(3),
                3, () -> manager))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries no data spec");
        assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()), FeatureShape.vector(3),
                2, new DataContext(manager, data(textAndAudio(), 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 for classes-3, found 2 outputs");
    }

    @Test
    void rejectsFramesOfAnotherWidthInFit() {
        Head head = tiny(2);
        ListSplit split = new ListSplit(manager, List.of(m -> SampleBatch.labelled(m, 0)
                .with(Modality.TEXT, 1, 3, new float[] {1, 2, 3}, 1)
                .with(Modality.AUDIO, 1, 1, new float[] {1}, 1)
                .build()));

        assertThatThrownBy(() -> ((McmHead) head).fit(split))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text frames [B, T, 2], found (1, 1, 3)");
    }

    // --- the reference computation, in double precision from the head's own weights ---

    /**
     * log Σ_c P(c) softmax(W_c [r; e_c] + b_c) for each row of {@link #R}, with e_c = [MLP_text(z_c[0:2]);
     * MLP_audio(z_c[2:3])] and each MLP = L3(relu(L2(relu(L1 z)))).
     */
    private static float[] expected(Head head, double[][] confounders, double[] prior) {
        int classes = prior.length;
        float[] out = new float[2 * classes];
        for (int b = 0; b < 2; b++) {
            double[] mixture = new double[classes];
            for (int c = 0; c < classes; c++) {
                double[] joint = new double[REPRESENTATION + 2 * HIDDEN];
                for (int j = 0; j < REPRESENTATION; j++) {
                    joint[j] = R[b * REPRESENTATION + j];
                }
                double[] text = mlp(head, "text", new double[] {confounders[c][0], confounders[c][1]});
                double[] audio = mlp(head, "audio", new double[] {confounders[c][2]});
                System.arraycopy(text, 0, joint, REPRESENTATION, HIDDEN);
                System.arraycopy(audio, 0, joint, REPRESENTATION + HIDDEN, HIDDEN);
                double[] logits = linear(head, "classifier-" + c + "_", joint);
                double[] p = softmax(logits);
                for (int k = 0; k < classes; k++) {
                    mixture[k] += prior[c] * p[k];
                }
            }
            for (int k = 0; k < classes; k++) {
                out[b * classes + k] = (float) Math.log(mixture[k]);
            }
        }
        return out;
    }

    private static double[] mlp(Head head, String modality, double[] z) {
        String prefix = "embedding-" + modality + "_";
        double[] h1 = relu(linear(head, prefix + "01Linear_", z));
        double[] h2 = relu(linear(head, prefix + "03Linear_", h1));
        return linear(head, prefix + "05Linear_", h2);
    }

    /** W x + b with the Linear block whose parameter names contain {@code prefix}. */
    private static double[] linear(Head head, String prefix, double[] x) {
        float[] weight = named(head, prefix + "weight");
        float[] bias = named(head, prefix + "bias");
        double[] y = new double[bias.length];
        for (int i = 0; i < bias.length; i++) {
            y[i] = bias[i];
            for (int j = 0; j < x.length; j++) {
                y[i] += weight[i * x.length + j] * x[j];
            }
        }
        return y;
    }

    private static float[] named(Head head, String suffix) {
        List<Pair<String, Parameter>> matches = head.getParameters().stream()
                .filter(p -> p.getKey().endsWith(suffix)).toList();
        assertThat(matches).as("parameters named *%s in %s", suffix, head.getParameters().keys()).hasSize(1);
        return matches.get(0).getValue().getArray().toFloatArray();
    }

    private static double[] relu(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i]);
        }
        return y;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Sets every trained parameter (biases start at 0) from U(-1, 1), so that the biases are exercised too. */
    private static void randomize(Head head) {
        Random random = new Random(9);
        for (Parameter parameter : head.getParameters().values()) {
            if (Module.isBuffer(parameter)) {
                continue;
            }
            float[] values = new float[Math.toIntExact(parameter.getArray().size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() * 2 - 1;
            }
            parameter.getArray().set(values);
        }
    }

    private static void setBuffers(Head head, float[] confounders, float[] prior) {
        head.getParameters().get("confounders").getArray().set(confounders);
        head.getParameters().get("prior").getArray().set(prior);
    }
}
