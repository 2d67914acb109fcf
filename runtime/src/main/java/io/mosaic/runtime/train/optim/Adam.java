package io.mosaic.runtime.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adam with torch.optim.Adam's semantics (Kingma and Ba 2015, with PyTorch's coupled L2 weight decay) over DJL
 * parameters, optionally in groups with hyperparameters of their own ({@link ParameterGroup}), whose state can be
 * exported to a checkpoint and restored, so that a resumed run continues exactly.
 *
 * <p>For a parameter w with gradient g, at its own update count t (as in PyTorch, a parameter counts only the steps
 * that updated it):
 * <pre>
 *   g ← g + λ·w                                   (only when λ &gt; 0; the stored gradient is left as it is)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   w ← w − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β1^t),   v̂ = v / (1 − β2^t)
 * </pre>
 * The last line is evaluated as PyTorch's single-tensor (CPU) implementation groups it:
 * w + (−lr / (1 − β1^t))·m / (√v / √(1 − β2^t) + ε). PyTorch computes m with {@code lerp}, m + (1 − β1)·(g − m),
 * which DJL lacks; it equals the form above in exact arithmetic and may differ from it in the last bit.
 *
 * <p>Moments are owned by a manager of the optimizer's own, released by {@link #close()}; the temporaries of a step
 * live in a sub-manager closed before the step returns. Not thread-safe.
 */
public final class Adam implements AutoCloseable {

    private final AdamConfig config;
    private final NDManager manager;
    private final Map<String, ParameterMoments> moments = new LinkedHashMap<>();
    private long steps;
    private boolean closed;

    /**
     * An optimizer whose state lives in a new sub-manager of {@code parent}.
     *
     * @param config the hyperparameters of {@link #step(PairList)}; a {@link ParameterGroup} carries its own
     */
    public Adam(AdamConfig config, NDManager parent) {
        this.config = Objects.requireNonNull(config, "config");
        this.manager = parent.newSubManager();
    }

    public AdamConfig config() {
        return config;
    }

    /** How many times {@link #step} has run, restored by {@link #loadState}. */
    public long steps() {
        return steps;
    }

    /**
     * Updates, in place, every parameter that requires a gradient and whose array has one; frozen parameters are
     * left untouched. The keys name each parameter's state (use {@code block.getParameters()}, whose keys are stable
     * across runs of one model). The update is made on a detached view of each weight, so that no gradient collector
     * records it. An array whose gradient was never written has DJL's zero gradient (PyTorch, by contrast, skips a
     * parameter whose gradient is {@code None}): leave such parameters out of {@code parameters} to skip them.
     *
     * @throws IllegalArgumentException for a repeated name, or a parameter whose shape no longer fits its state
     */
    public void step(PairList<String, Parameter> parameters) {
        step(List.of(new ParameterGroup("all", config, parameters)));
    }

    /**
     * One step over parameter groups, each parameter updated as {@link #step(PairList)} does with its group's
     * hyperparameters. A parameter belongs to one group at most.
     *
     * @throws IllegalArgumentException for a name repeated within or across groups, or a parameter whose shape no
     *                                  longer fits its state
     */
    public void step(List<ParameterGroup> groups) {
        requireOpen();
        requireUniqueNames(groups);
        for (ParameterGroup group : groups) {
            for (Pair<String, Parameter> named : group.parameters()) {
                Parameter parameter = named.getValue();
                if (parameter.requiresGradient() && parameter.getArray().hasGradient()) {
                    update(named.getKey(), parameter.getArray(), group.config());
                }
            }
        }
        steps++;
    }

    private void update(String name, NDArray weight, AdamConfig config) {
        ParameterMoments state = moments.computeIfAbsent(name, unused -> ParameterMoments.zeros(manager, weight));
        state.prepareFor(name, weight);
        long t = state.advance();
        try (NDManager scratch = manager.newSubManager(weight.getDevice())) {
            NDArray w = weight.stopGradient();
            w.attach(scratch);
            NDArray g = weight.getGradient();
            g.attach(scratch);
            state.tempAttach(scratch);
            if (config.weightDecay() != 0) {
                g = g.add(w.mul(config.weightDecay()));
            }
            NDArray m = state.first();
            NDArray v = state.second();
            m.muli(config.beta1()).addi(g.mul(1 - config.beta1()));
            v.muli(config.beta2()).addi(g.mul(1 - config.beta2()).muli(g));
            double stepSize = config.learningRate() / (1 - Math.pow(config.beta1(), t));
            double secondCorrection = Math.sqrt(1 - Math.pow(config.beta2(), t));
            NDArray denominator = v.sqrt().divi(secondCorrection).addi(config.epsilon());
            w.addi(m.mul(-stepSize).divi(denominator));
        }
    }

    /**
     * A copy of the state, owned by {@code target} and on its device, laid out as {@link AdamStateFormat} describes:
     * {@code steps}, and {@code m/p}, {@code v/p}, {@code t/p} per parameter p updated so far. The configuration is
     * not part of it. {@link NDList#encode()} turns it into checkpoint bytes.
     */
    public NDList exportState(NDManager target) {
        requireOpen();
        return AdamStateFormat.write(steps, moments, target);
    }

    /**
     * Replaces this optimizer's state with a copy of {@code state} as {@link #exportState} wrote it; {@code state}
     * stays the caller's. Moments move to their parameter's device at its next update.
     *
     * @throws IllegalArgumentException when {@code state} is not a complete Adam state (this optimizer is then
     *                                  unchanged)
     */
    public void loadState(NDList state) {
        requireOpen();
        AdamStateFormat.Loaded loaded = AdamStateFormat.read(state, manager);
        moments.values().forEach(ParameterMoments::close);
        moments.clear();
        moments.putAll(loaded.moments());
        steps = loaded.steps();
    }

    private static void requireUniqueNames(List<ParameterGroup> groups) {
        Set<String> seen = new HashSet<>();
        for (ParameterGroup group : groups) {
            for (String name : group.parameters().keys()) {
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("parameter names must be unique, found '" + name + "' twice");
                }
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Adam optimizer has been closed");
        }
    }

    /** Releases the moments; the optimizer cannot be used afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }
}
