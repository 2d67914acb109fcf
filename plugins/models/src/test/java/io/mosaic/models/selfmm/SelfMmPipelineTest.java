package io.mosaic.models.selfmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Slot;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.models.support.Catalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code self-mm} pipeline built from its shipped assembly's components (reference/mmsa.md §3.1). */
class SelfMmPipelineTest {
    private static final int B = 3;
    private static final List<String> HEAD_SLOTS = List.of("fusion-features", "head", "text-features", "text-head",
            "audio-features", "audio-head", "vision-features", "vision-head");

    private final SelfMmFactory factory = new SelfMmFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void declaresTheEncodersTheFusionAndFourHeadsEachInTwoSlots() {
        assertThat(factory.slots()).extracting(Slot::name).containsExactly("text", "audio", "vision", "fusion",
                "fusion-features", "head", "text-features", "text-head", "audio-features", "audio-head",
                "vision-features", "vision-head");
        assertThat(factory.slots()).filteredOn(Slot::chain).extracting(Slot::name).containsExactly("text", "audio",
                "vision", "fusion-features", "text-features", "audio-features", "vision-features");
        assertThat(factory.slots()).filteredOn(slot -> slot.kind() == ComponentKind.HEAD).extracting(Slot::name)
                .containsExactly("head", "text-head", "audio-head", "vision-head");
        assertThat(factory.taps()).containsExactlyInAnyOrder("text.pooled", "audio.pooled", "vision.pooled",
                "joint", "features.fusion", "features.text", "features.audio", "features.vision", "prediction",
                "prediction.text", "prediction.audio", "prediction.vision");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theShippedObjectivesAreTheMultimodalL1AndUlgmOnDeclaredTaps() throws IOException {
        List<Map<String, Object>> objectives = (List<Map<String, Object>>) SelfMmAssembly.load().get("objectives");
        List<String> uses = new ArrayList<>();
        Set<String> taps = new LinkedHashSet<>();
        for (Map<String, Object> entry : objectives) {
            Map<String, Object> spec = new LinkedHashMap<>(entry);
            String use = (String) spec.remove("use");
            uses.add(use);
            ObjectiveFactory objective = Catalog.factory(use, ObjectiveFactory.class);
            taps.addAll(objective.create(Parameters.of(objective.parameters(), spec), SelfMmAssembly.tiny()).taps());
        }

        assertThat(uses).containsExactly("l1", "ulgm");
        assertThat(taps).containsExactlyInAnyOrder("prediction", "prediction.text", "prediction.audio",
                "prediction.vision", "features.text", "features.audio", "features.vision", "features.fusion");
        assertThat(factory.taps()).containsAll(taps);
    }

    @Test
    void recordsEveryTapWithTheShippedWidths() throws IOException {
        Network network = SelfMmAssembly.build(manager, SelfMmAssembly.tiny(), SelfMmAssembly.components());
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), SelfMmAssembly.batch(manager, B), taps, false);

        assertThat(taps.names()).containsExactlyInAnyOrderElementsOf(factory.taps());
        Map<String, Integer> widths = new LinkedHashMap<>();
        widths.put("text.pooled", 768);
        widths.put("audio.pooled", 16);
        widths.put("vision.pooled", 32);
        widths.put("joint", 128);
        widths.put("features.fusion", 128);
        widths.put("features.text", 32);
        widths.put("features.audio", 16);
        widths.put("features.vision", 32);
        widths.put("prediction", 1);
        widths.put("prediction.text", 1);
        widths.put("prediction.audio", 1);
        widths.put("prediction.vision", 1);
        widths.forEach((tap, width) -> assertThat(taps.get(tap).getShape()).as(tap).isEqualTo(new Shape(B, width)));
        assertThat(taps.get("joint").toFloatArray()).containsExactly(taps.get("features.fusion").toFloatArray());
        for (String tap : taps.names()) {
            assertThat(taps.get(tap).isNaN().any().getBoolean() || taps.get(tap).isInfinite().any().getBoolean())
                    .as(tap + " is finite").isFalse();
        }
    }

    @Test
    void theFusionFeaturesAndPredictionAreMmsasLayersOverTheConcatenation() throws IOException {
        Network network = SelfMmAssembly.build(manager, SelfMmAssembly.tiny(), SelfMmAssembly.components());
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), SelfMmAssembly.batch(manager, B), taps, false);

        // x = [h_t; h_a; h_v]; F_f = ReLU(W1·x + b1) (dropout is the identity at evaluation);
        // ŷ_M = W3·ReLU(W2·F_f + b2) + b3 (reference/mmsa.md §3.1)
        NDArray x = taps.get("text.pooled").concat(taps.get("audio.pooled"), 1)
                .concat(taps.get("vision.pooled"), 1);
        List<NDArray> features = arrays(child(network, "fusion-features"));
        List<NDArray> head = arrays(child(network, "head"));
        NDArray f = affine(x, features.get(0), features.get(1)).maximum(0f);
        NDArray y = affine(affine(f, head.get(0), head.get(1)).maximum(0f), head.get(2), head.get(3));
        assertClose(taps.get("features.fusion"), f);
        assertClose(taps.get("prediction"), y);
        // the same form per modality, over h_m alone
        for (Modality modality : Modality.values()) {
            String m = modality.id();
            List<NDArray> own = arrays(child(network, m + "-features"));
            List<NDArray> ownHead = arrays(child(network, m + "-head"));
            NDArray fm = affine(taps.get(m + ".pooled"), own.get(0), own.get(1)).maximum(0f);
            assertClose(taps.get("features." + m), fm);
            assertClose(taps.get("prediction." + m),
                    affine(affine(fm, ownHead.get(0), ownHead.get(1)).maximum(0f), ownHead.get(2), ownHead.get(3)));
        }
    }

    @Test
    void aModalitysOwnPredictionReadsThatModalityAlone() throws IOException {
        Network network = SelfMmAssembly.build(manager, SelfMmAssembly.tiny(), SelfMmAssembly.components());
        ParameterStore store = new ParameterStore(manager, false);
        Batch batch = SelfMmAssembly.batch(manager, B);
        Taps before = new Taps();
        Taps after = new Taps();

        network.forward(store, batch, before, false);
        network.forward(store, SelfMmAssembly.withOtherAudio(manager, batch), after, false);

        assertThat(after.get("prediction.text").toFloatArray())
                .containsExactly(before.get("prediction.text").toFloatArray());
        assertThat(after.get("prediction.vision").toFloatArray())
                .containsExactly(before.get("prediction.vision").toFloatArray());
        assertThat(after.get("prediction.audio").toFloatArray())
                .isNotEqualTo(before.get("prediction.audio").toFloatArray());
        assertThat(after.get("prediction").toFloatArray()).isNotEqualTo(before.get("prediction").toFloatArray());
    }

    @Test
    void theHeadsHaveMmsasParameterCountAtMosisShapes() throws IOException {
        Network network = SelfMmAssembly.build(manager, SelfMmAssembly.mosi(), SelfMmAssembly.components());

        // reference/mmsa.md §3.1–3.2, MOSI: h_T 768 (BERT's [CLS]), audio_out 16, video_out 32; post_fusion_dim 128,
        // post_text 32, post_audio 16, post_video 32. Each head is Linear(in → d), Linear(d → d), Linear(d → 1).
        long fusion = head(768 + 16 + 32, 128);
        long text = head(768, 32);
        long audio = head(16, 16);
        long vision = head(32, 32);
        assertThat(fusion + text + audio + vision).isEqualTo(149_620);
        assertThat(count(network, HEAD_SLOTS::contains)).isEqualTo(149_620);
        assertThat(count(network, slot -> slot.startsWith("fusion") || slot.equals("head"))).isEqualTo(fusion);
        // the encoders: text projection 768 → 768 with a LayerNorm; MMSA's sLSTM: LSTM(d → h) has 4h(d + h) + 8h,
        // then Linear(h → out)
        assertThat(count(network, "text"::equals)).isEqualTo(linear(768, 768) + 2 * 768);
        assertThat(count(network, "audio"::equals)).isEqualTo(lstm(5, 16) + linear(16, 16));
        assertThat(count(network, "vision"::equals)).isEqualTo(lstm(20, 32) + linear(32, 32));
    }

    @Test
    void anEncoderChainThatKeepsTheTimeAxisIsRefusedNamingItsSlot() throws IOException {
        Map<String, Object> components = SelfMmAssembly.components();
        components.put("audio", List.of(Map.of("use", "gru", "hidden", 16)));

        assertThatThrownBy(() -> SelfMmAssembly.build(manager, SelfMmAssembly.tiny(), components))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slot 'audio' must end in a pooled vector, but returns a sequence 20x16; end its chain "
                        + "with a pooling encoder (masked-mean-pool, last-step-pool, attention-pool)");
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    private static long head(long in, long d) {
        return linear(in, d) + linear(d, d) + linear(d, 1);
    }

    private static long lstm(long in, long hidden) {
        return 4 * hidden * (in + hidden) + 8 * hidden;
    }

    /** x·Wᵀ + b, W [out, in] as DJL's Linear stores it. */
    private static NDArray affine(NDArray x, NDArray weight, NDArray bias) {
        return x.matMul(weight.transpose()).add(bias);
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("value " + i).isCloseTo(e[i], within(1e-4f));
        }
    }

    /** A block's parameter arrays in creation order (weight, bias of each Linear). */
    private static List<NDArray> arrays(Block block) {
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            arrays.add(pair.getValue().getArray());
        }
        return arrays;
    }

    /** The slot of a child block: DJL prefixes a child's name with its two-digit position. */
    private static Block child(Network network, String slot) {
        return network.getChildren().stream().filter(pair -> pair.getKey().substring(2).equals(slot)).findFirst()
                .orElseThrow().getValue();
    }

    private static long count(Network network, Predicate<String> slots) {
        long total = 0;
        for (Pair<String, Block> child : network.getChildren()) {
            if (slots.test(child.getKey().substring(2))) {
                for (Pair<String, Parameter> pair : child.getValue().getParameters()) {
                    total += pair.getValue().getArray().size();
                }
            }
        }
        return total;
    }
}
