package io.mosaic.encoders.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

class SavedModelEncoderTest {
    /** Two samples of three frames with two features; the second is one frame long. */
    private static final float[] FRAMES = {1, 2, -0.5f, 0.25f, 3, -1, 0.2f, 0.4f, 7, 7, -7, 7};

    @TempDir
    static Path models;
    private static Path model;

    private final SavedModelEncoderFactory factory = new SavedModelEncoderFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeAll
    static void export() throws IOException {
        model = TinySavedModels.write(models.resolve("tiny"));
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        context = new BuildContext() {
            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public Path resolve(String path) {
                return models.resolve(path);
            }
        };
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder build(int dim, Map<String, Object> overrides) {
        Map<String, Object> raw = new HashMap<>(Map.of("dir", "tiny", "input", "frames", "output", "codes"));
        raw.putAll(overrides);
        return factory.create(Parameters.of(factory.parameters(), raw), FeatureShape.sequence(3, dim), context);
    }

    private Features frames() {
        return Features.sequence(manager.create(FRAMES, new Shape(2, 3, 2)), manager.create(new long[] {3, 1}));
    }

    private static Features run(Encoder encoder, Features input, NDManager manager) {
        return encoder.forward(new ParameterStore(manager, false), input, new Taps(), false);
    }

    @Test
    void perFrameCodesEqualTheHandComputationAndTheZeroedPadding() {
        Encoder encoder = build(2, Map.of());
        assertThat(encoder.output()).isEqualTo(FeatureShape.sequence(3, 3));
        assertThat(encoder.getParameters().size()).isZero();

        Features out = run(encoder, frames(), manager);

        assertThat(out.values().getShape()).isEqualTo(new Shape(2, 3, 3));
        assertThat(out.lengths().toLongArray()).containsExactly(3, 1);
        float[] y = out.values().toFloatArray();
        for (int sample = 0; sample < 2; sample++) {
            for (int step = 0; step < 3; step++) {
                int at = (sample * 3 + step) * 2;
                boolean padding = sample == 1 && step > 0;
                float[] expected = padding ? new float[3] : TinySavedModels.code(FRAMES[at], FRAMES[at + 1]);
                for (int j = 0; j < 3; j++) {
                    assertThat(y[(sample * 3 + step) * 3 + j]).as("sample %d step %d feature %d", sample, step, j)
                            .isCloseTo(expected[j], within(1e-6f));
                }
            }
        }
    }

    @Test
    void equalsTensorFlowsOwnEvaluationOfTheSameModelAtEveryRealFrame() {
        float[] direct = new float[18];
        try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
             TFloat32 x = TFloat32.tensorOf(NdArrays.wrap(org.tensorflow.ndarray.Shape.of(2, 3, 2),
                     org.tensorflow.ndarray.buffer.DataBuffers.of(FRAMES, true, false)));
             Result result = bundle.function("serving_default").call(Map.of("frames", x))) {
            TFloat32 codes = (TFloat32) result.get("codes").orElseThrow();
            for (int i = 0; i < 18; i++) {
                direct[i] = codes.getFloat(i / 9, i / 3 % 3, i % 3);
            }
        }
        float[] y = run(build(2, Map.of()), frames(), manager).values().toFloatArray();

        for (int i = 0; i < 18; i++) {
            boolean padding = i >= 12;
            assertThat(y[i]).as("element %d", i).isEqualTo(padding ? 0f : direct[i]);
        }
    }

    @Test
    void aPooledSignatureGivesOneVectorPerSample() {
        Encoder encoder = build(2, Map.of("signature", "pooled", "output", "mean"));
        assertThat(encoder.output()).isEqualTo(FeatureShape.vector(3));

        Features out = run(encoder, frames(), manager);

        assertThat(out.isSequence()).isFalse();
        float[] mean = new float[3];
        for (int step = 0; step < 3; step++) {
            float[] code = TinySavedModels.code(FRAMES[step * 2], FRAMES[step * 2 + 1]);
            for (int j = 0; j < 3; j++) {
                mean[j] += code[j] / 3;
            }
        }
        float[] y = out.values().toFloatArray();
        for (int j = 0; j < 3; j++) {
            assertThat(y[j]).isCloseTo(mean[j], within(1e-6f));
        }
    }

    @Test
    void feedsTheLengthsToALengthsInput() {
        Encoder encoder = build(2, Map.of("signature", "with_lengths", "output", "scaled", "lengths-input",
                "lengths"));

        float[] y = run(encoder, frames(), manager).values().toFloatArray();

        // Sample 0 (length 3) is scaled by 3; sample 1 (length 1) by 1, and its padding is zeroed.
        float[] expected = {3, 6, -1.5f, 0.75f, 9, -3, 0.2f, 0.4f, 0, 0, 0, 0};
        assertThat(y).containsExactly(expected);
    }

    @Test
    void refusesAWrongSignatureNamingTheFolderTheSignaturesAndTheOneAsked() {
        assertThatThrownBy(() -> build(2, Map.of("signature", "serving")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(model.toString())
                .hasMessageContaining("no signature 'serving'")
                .hasMessageContaining("[pooled, serving_default, with_lengths]");
    }

    @Test
    void refusesWrongTensorNamesListingTheSignaturesOwn() {
        assertThatThrownBy(() -> build(2, Map.of("input", "x")))
                .hasMessageContaining(model.toString()).hasMessageContaining("signature 'serving_default'")
                .hasMessageContaining("no input 'x'; its inputs are [frames]");
        assertThatThrownBy(() -> build(2, Map.of("output", "y")))
                .hasMessageContaining("no output 'y'; its outputs are [codes]");
        assertThatThrownBy(() -> build(2, Map.of("signature", "with_lengths", "output", "scaled")))
                .hasMessageContaining("also takes inputs [lengths]").hasMessageContaining("lengths-input");
    }

    @Test
    void refusesFramesOfAnotherWidthThanTheSignatureTakes() {
        assertThatThrownBy(() -> build(5, Map.of()))
                .hasMessageContaining("input 'frames' has shape [-1, -1, 2]")
                .hasMessageContaining("frames [B, T, 5]");
    }

    @Test
    void refusesAMissingFolderAndAFolderThatIsNoSavedModel() throws IOException {
        assertThatThrownBy(() -> build(2, Map.of("dir", "absent")))
                .hasMessage("model folder " + models.resolve("absent") + " does not exist or is not a folder");
        Path other = Files.createDirectories(models.resolve("other"));
        Files.writeString(other.resolve("model.pt"), "not a graph");
        assertThatThrownBy(() -> build(2, Map.of("dir", "other")))
                .hasMessageContaining("model folder " + other + " is not a TensorFlow SavedModel")
                .hasMessageNotContaining("not a graph");
    }

    @Test
    void runsOnTheCpuWithNoGpuAndOnGpuNWithThatGpuOnly() {
        ConfigProto cpu = SessionConfigs.forDevice(Device.cpu());
        assertThat(cpu.getDeviceCountMap()).containsExactly(Map.entry("GPU", 0));

        ConfigProto gpu = SessionConfigs.forDevice(Device.gpu(1));
        assertThat(gpu.getDeviceCountMap()).isEmpty();
        assertThat(gpu.getGpuOptions().getVisibleDeviceList()).isEqualTo("1");
        assertThat(gpu.getGpuOptions().getAllowGrowth()).isTrue();
        assertThat(gpu.getAllowSoftPlacement()).isTrue();
    }

    @Test
    void handsTensorsOverBothWaysBitForBit() {
        float[] values = {Float.MIN_VALUE, -0f, 1e30f, Float.NaN, 3.25f, -7};
        try (NDManager scope = manager.newSubManager();
             Tensor tensor = TensorHandover.toTensorFlow(scope.create(values, new Shape(2, 3)))) {
            assertThat(tensor.shape().asArray()).containsExactly(2, 3);
            float[] back = TensorHandover.toDjl(tensor, scope).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
            }
        }
    }
}
