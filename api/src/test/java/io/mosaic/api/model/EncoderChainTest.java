package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncoderChainTest {
    private final List<String> calls = new ArrayList<>();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Adds {@code added} to its input and says how it ran; encoders with equal non-null keys can run jointly. */
    private final class Adding extends Encoder {
        private final String name;
        private final Object key;
        private final float added;

        Adding(String name, Object key, float added) {
            this.name = name;
            this.key = key;
            this.added = added;
        }

        @Override
        public FeatureShape output() {
            return FeatureShape.vector(1);
        }

        @Override
        public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
            calls.add(name);
            taps.put(name, input.values());
            return input.withValues(input.values().add(added));
        }

        @Override
        public Object jointKey() {
            return key;
        }

        @Override
        public List<Features> forwardJointly(ParameterStore parameters, List<Encoder> members,
                                             List<Features> inputs, boolean training) {
            calls.add(members.stream().map(member -> ((Adding) member).name)
                    .collect(Collectors.joining(" + ", "jointly ", "")));
            List<Features> results = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                results.add(inputs.get(i).withValues(inputs.get(i).values().add(((Adding) members.get(i)).added)));
            }
            return results;
        }
    }

    private Features input(float value) {
        return Features.pooled(manager.create(new float[] {value}).reshape(1, 1));
    }

    @Test
    void encodersAtTheSamePlaceWithEqualKeysRunJointlyAndTheRestAloneInPlaceOrder() {
        Encoder text = new EncoderChain(List.of(new Adding("text[0]", null, 1), new Adding("text[1]", "gru", 10)));
        Encoder audio = new EncoderChain(List.of(new Adding("audio[0]", null, 2), new Adding("audio[1]", "gru", 20),
                new Adding("audio[2]", "pool", 100)));
        Encoder vision = new EncoderChain(List.of(new Adding("vision[0]", "gru", 3),
                new Adding("vision[1]", "gru", 30)));
        List<Taps> taps = List.of(new Taps(), new Taps(), new Taps());

        List<Features> outputs = EncoderChain.forwardEach(new ParameterStore(manager, false),
                List.of(text, audio, vision), List.of(input(0), input(0), input(0)), taps, false);

        assertThat(calls).containsExactly("text[0]", "audio[0]", "vision[0]", "jointly text[1] + audio[1] + vision[1]",
                "audio[2]");
        assertThat(outputs).extracting(features -> features.values().getFloat(0, 0))
                .containsExactly(11f, 122f, 33f);
        assertThat(taps.get(1).names()).containsExactly("audio[0]", "audio[2]");
    }

    @Test
    void aSingleEncoderIsAChainOfOneAndALoneKeyRunsAlone() {
        Encoder text = new Adding("text", "gru", 1);
        Encoder audio = new Adding("audio", "lstm", 2);

        List<Features> outputs = EncoderChain.forwardEach(new ParameterStore(manager, false), List.of(text, audio),
                List.of(input(5), input(6)), List.of(new Taps(), new Taps()), false);

        assertThat(calls).containsExactly("text", "audio");
        assertThat(outputs).extracting(features -> features.values().getFloat(0, 0)).containsExactly(6f, 8f);
    }
}
