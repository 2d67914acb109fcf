package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named intermediate tensors of one forward pass ({@code text.encoded}, {@code joint}, {@code logits}, ...).
 * Objectives and debiasers read taps by name, never a model's internals.
 */
public final class Taps {
    private final Map<String, NDArray> values;
    private final String prefix;

    public Taps() {
        this(new LinkedHashMap<>(), "");
    }

    private Taps(Map<String, NDArray> values, String prefix) {
        this.values = values;
        this.prefix = prefix;
    }

    /** Records {@code value} under {@code name} (after this view's prefix). A name is recorded once per pass. */
    public Taps put(String name, NDArray value) {
        String key = prefix + name;
        if (values.putIfAbsent(key, value) != null) {
            throw new IllegalStateException("tap '" + key + "' was recorded twice in one forward pass");
        }
        return this;
    }

    /** The tap called {@code name} (the full name, whatever this view's prefix). */
    public NDArray get(String name) {
        NDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no tap '" + name + "'; this pass recorded " + values.keySet());
        }
        return value;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every recorded name, in recording order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A view that records under {@code scope + "."}: how a pipeline gives a component its own namespace. */
    public Taps scoped(String scope) {
        return new Taps(values, prefix + scope + ".");
    }
}
