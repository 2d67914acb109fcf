package io.mosaic.api.model;

import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoders applied one after another: what a chain slot ({@code text: [projection, gru, pool]}) builds. Each
 * encoder's output shape must be the next one's input shape, as their factories were given.
 */
public final class EncoderChain extends Encoder {
    private final List<Encoder> encoders;

    /** @param encoders at least one, in the order they apply */
    public EncoderChain(List<Encoder> encoders) {
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one encoder");
        }
        this.encoders = List.copyOf(encoders);
        for (int i = 0; i < this.encoders.size(); i++) {
            child(Integer.toString(i), this.encoders.get(i));
        }
    }

    @Override
    public FeatureShape output() {
        return encoders.get(encoders.size() - 1).output();
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        Features features = input;
        for (Encoder encoder : encoders) {
            features = encoder.forward(parameters, features, taps, training);
        }
        return features;
    }

    /**
     * Runs each of {@code encoders} (a chain or a single encoder) over its own input with its own taps, as their
     * {@code forward} methods would one after another, but place by place across the chains: at each place, the
     * encoders there that share a {@link Encoder#jointKey} run jointly ({@link Encoder#forwardJointly}), the others
     * alone. What a pipeline whose modalities are encoded independently calls, so that, say, three GRUs run as one.
     * The stages run in place order, so encoders that draw random numbers (dropout) draw them in that order.
     *
     * @return each encoder's output, in the order of {@code encoders}
     */
    public static List<Features> forwardEach(ParameterStore parameters, List<Encoder> encoders,
                                             List<Features> inputs, List<Taps> taps, boolean training) {
        List<List<Encoder>> chains = encoders.stream().map(EncoderChain::stages).toList();
        List<Features> features = new ArrayList<>(inputs);
        int places = chains.stream().mapToInt(List::size).max().orElse(0);
        for (int place = 0; place < places; place++) {
            Map<Object, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < chains.size(); i++) {
                if (place < chains.get(i).size()) {
                    Object key = chains.get(i).get(place).jointKey();
                    groups.computeIfAbsent(key == null ? new Object() : key, alone -> new ArrayList<>()).add(i);
                }
            }
            for (List<Integer> group : groups.values()) {
                int at = place;
                List<Encoder> members = group.stream().map(i -> chains.get(i).get(at)).toList();
                if (group.size() == 1) {
                    int i = group.get(0);
                    features.set(i, members.get(0).forward(parameters, features.get(i), taps.get(i), training));
                } else {
                    List<Features> results = members.get(0).forwardJointly(parameters, members,
                            group.stream().map(features::get).toList(), training);
                    for (int k = 0; k < group.size(); k++) {
                        features.set(group.get(k), results.get(k));
                    }
                }
            }
        }
        return features;
    }

    /** The encoders {@code encoder} applies in order: a chain's, or itself. */
    private static List<Encoder> stages(Encoder encoder) {
        return encoder instanceof EncoderChain chain ? chain.encoders : List.of(encoder);
    }
}
