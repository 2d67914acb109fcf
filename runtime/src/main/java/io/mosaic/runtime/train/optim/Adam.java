package io.mosaic.runtime.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
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
 * Each parameter is updated by the engine's fused Adam update, one native call, with its step size and ε chosen so
 * that the result is PyTorch's in exact arithmetic (see {@link #update}); the stored moments differ from PyTorch's by
 * constant factors within 1.3e-5 of 1, and the results may differ from PyTorch's in the last bits.
 *
 * <p>Moments are owned by a manager of the optimizer's own, released by {@link #close()}; a step's temporaries are
 * the engine's and freed before it returns. Not thread-safe.
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
        double firstCorrection = 1 - Math.pow(config.beta1(), t);
        double secondCorrection = Math.sqrt(1 - Math.pow(config.beta2(), t));
        // The engine's fused update, one native call per parameter instead of a dozen element-wise operations, each
        // a call through JNI: g' = g + λ·w, m ← β1·m + (1 − β1)·g', v ← β2·v + (1 − β2)·g'², w ← w − c·m / (√v + ε'),
        // outside autograd. It computes 1 − β from the float32 β, where PyTorch casts the exact 1 − β to float32:
        // its moments are those of PyTorch divided by κ = (float) (1 − β) / (1 − (float) β) (1 + 1.3e-5 for
        // β2 = 0.999). With c = lr·κ1·√(1 − β2^t) / ((1 − β1^t)·√κ2) and ε' = ε·√(1 − β2^t) / √κ2 its last line is
        // PyTorch's w − lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + ε), equal in exact arithmetic.
        double firstScale = complementScale(config.beta1());
        double secondScale = Math.sqrt(complementScale(config.beta2()));
        try (NDArray gradient = weight.getGradient()) {
            // Rescaling by 1 and a negative clip leave g as it is (GradientClipping clips, before the step).
            JniUtils.adamUpdate((PtNDArray) weight, (PtNDArray) gradient, (PtNDArray) state.first(),
                    (PtNDArray) state.second(), (float) config.learningRate(),
                    (float) (config.learningRate() * firstScale * secondCorrection / (firstCorrection * secondScale)),
                    (float) config.weightDecay(), 1f, -1f, (float) config.beta1(), (float) config.beta2(),
                    (float) (config.epsilon() * secondCorrection / secondScale), false);
        }
    }

    /** κ = (float) (1 − β) / (1 − (float) β): PyTorch's weight of a new gradient over the engine's. */
    private static double complementScale(double beta) {
        return (float) (1 - beta) / (1 - (double) (float) beta);
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
