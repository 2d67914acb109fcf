package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named intermediate tensors of one forward pass ({@code text.encoded}, {@code joint}, {@code logits}, ...).
 * Objectives and debiasers read taps by name, never a model's internals.
 *
 * <p>The taps every pipeline exposes where it has them ({@code papers.md}): {@value #PREDICTION}, {@value #JOINT},
 * and per modality {@code <m>.sequence} (per-step codes [B, T, D] recorded with their lengths, see
 * {@link #put(String, Features)}) and {@code <m>.pooled} (one vector [B, D] per sample).
 */
public final class Taps {
    /** The task's outputs [B, outputs]; the same name as {@link PipelineFactory#PREDICTION_TAP}. */
    public static final String PREDICTION = "prediction";
    /** The fused vector [B, D] that the head reads. */
    public static final String JOINT = "joint";

    private final Map<String, NDArray> values;
    private final Map<String, NDArray> lengths;
    private final String prefix;

    public Taps() {
        this(new LinkedHashMap<>(), new HashMap<>(), "");
    }

    private Taps(Map<String, NDArray> values, Map<String, NDArray> lengths, String prefix) {
        this.values = values;
        this.lengths = lengths;
        this.prefix = prefix;
    }

    /** {@code modality}'s per-step codes: {@code <m>.sequence}. */
    public static String sequence(String modality) {
        return modality + ".sequence";
    }

    /** {@code modality}'s pooled vector: {@code <m>.pooled}. */
    public static String pooled(String modality) {
        return modality + ".pooled";
    }

    /**
     * Records {@code value} under {@code name} (after this view's prefix). A name is recorded once per pass. A tap
     * outlives the {@link NDScope} it was made in (the runtime releases the rest of a component's temporaries when
     * its forward returns).
     */
    public Taps put(String name, NDArray value) {
        String key = prefix + name;
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("tap '" + key + "' was recorded twice in one forward pass");
        }
        NDScope.unregister(value);
        return this;
    }

    /**
     * Records {@code features} under {@code name}: its values as the tap, and, for a sequence, its lengths, so that a
     * reader gets the padding mask back with {@link #features(String)}.
     */
    public Taps put(String name, Features features) {
        put(name, features.values());
        if (features.isSequence()) {
            lengths.put(prefix + name, features.lengths());
            NDScope.unregister(features.lengths());
        }
        return this;
    }

    /**
     * The tap called {@code name} as features: a sequence with its lengths when it was recorded with them, a pooled
     * vector when it is [B, D].
     *
     * @throws IllegalArgumentException when there is no such tap, or it is a [B, T, D] tensor recorded without lengths
     */
    public Features features(String name) {
        NDArray value = get(name);
        NDArray steps = lengths.get(name);
        if (steps != null) {
            return Features.sequence(value, steps);
        }
        if (value.getShape().dimension() == 2) {
            return Features.pooled(value);
        }
        throw new IllegalArgumentException("tap '" + name + "' is " + value.getShape() + " without lengths; a "
                + "sequence tap is recorded with Taps.put(name, Features)");
    }

    /** The tap called {@code name} (the full name, whatever this view's prefix). */
    public NDArray get(String name) {
        NDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no tap '" + name + "'; this pass recorded " + values.keySet());
        }
        return value;
    }

    /**
     * The tap that a component recorded as {@code name} through this view (this view's prefix added): how a component
     * reads what an earlier member of its own slot recorded (a mask for the pooling after it, say) without knowing the
     * slot it was put in.
     *
     * @throws IllegalArgumentException when there is no such tap
     */
    public NDArray local(String name) {
        return get(prefix + name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Moves every recorded tensor, and the lengths recorded with them, to {@code manager}, so they outlive theirs. */
    public void attach(NDManager manager) {
        values.values().forEach(value -> value.attach(manager));
        lengths.values().forEach(steps -> steps.attach(manager));
    }

    /** Every recorded name, in recording order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A view that records under {@code scope + "."}: how a pipeline gives a component its own namespace. */
    public Taps scoped(String scope) {
        return new Taps(values, lengths, prefix + scope + ".");
    }
}
