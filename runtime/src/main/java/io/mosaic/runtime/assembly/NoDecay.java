package io.mosaic.runtime.assembly;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parameters of an optimizer group that take no weight decay, as MMSA's Self-MM exempts BERT's biases and LayerNorm
 * weights (reference/mmsa.md §3.3).
 */
public enum NoDecay {
    /** Every bias: DJL's bias parameters and a module's own parameter whose name ends in {@code bias}. */
    BIAS,
    /** The scale γ and shift β of layer normalisation. */
    LAYER_NORM;

    static final List<String> IDS = Arrays.stream(values()).map(NoDecay::id).toList();

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static NoDecay fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
