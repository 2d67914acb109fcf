package io.mosaic.runtime.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.debias.Debiaser;
import io.mosaic.api.model.FitsTrainingSplit;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Taps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A network built from a resolved assembly, with its parameters named stably for checkpoints. Closing it releases
 * every parameter.
 *
 * @param debiaser    the assembly's debiaser, if any; its parameters are the model's too
 * @param slots       the module built for each slot, in build order
 * @param parameters  every parameter and buffer by checkpoint name ({@code <slot>/<djl name>},
 *                    {@code pipeline/<djl name>}, {@code debiaser/<djl name>})
 * @param counts      per component ({@code pipeline}, {@code <slot>} or {@code <slot>[i]} in a chain,
 *                    {@code debiaser}), its number of trained scalar parameters (buffers are not counted)
 * @param checks      what the guards of the network's components check
 */
public record BuiltModel(Network network, Optional<Debiaser> debiaser, Map<String, Module> slots,
                         Map<String, Parameter> parameters, Map<String, Long> counts, ForwardChecks checks,
                         NDManager manager) implements AutoCloseable {

    public BuiltModel {
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public long totalParameters() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The parameters that train (every parameter but the buffers), by checkpoint name. */
    public Map<String, Parameter> trainable() {
        Map<String, Parameter> trainable = new LinkedHashMap<>(parameters);
        trainable.values().removeIf(Module::isBuffer);
        return trainable;
    }

    /** Freezes exactly the parameters of {@code frozenSlots}; every other parameter trains. Buffers never train. */
    public void freezeOnly(List<String> frozenSlots) {
        Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
        frozenSlots.forEach(slot -> slots.get(slot).getParameters().values().forEach(frozen::add));
        trainable().values().forEach(p -> p.freeze(frozen.contains(p)));
    }

    /**
     * Runs the network on {@code batch} again, checking what each component returns and records for NaN and
     * infinity, and returns the failure of the first component that produced them from finite inputs (or that
     * failed otherwise in this pass); empty when no component did, as when the batch itself is not finite.
     * Checking waits for the device after every component, so this is for diagnosing a non-finite loss, not for
     * every step.
     */
    public Optional<ComponentFailureException> findNonFinite(ParameterStore parameters, Batch batch,
                                                             boolean training) {
        return checks.checkingFinite(() -> {
            try {
                network.forward(parameters, batch, new Taps(), training);
                return Optional.empty();
            } catch (ComponentFailureException e) {
                return Optional.of(e);
            }
        });
    }

    /** The modules that fit state from the training split, in build order (network first, then the debiaser). */
    public List<FitsTrainingSplit> fitted() {
        List<FitsTrainingSplit> fitted = new ArrayList<>();
        collectFitted(network, fitted, Collections.newSetFromMap(new IdentityHashMap<>()));
        debiaser.ifPresent(d -> collectFitted(d, fitted, Collections.newSetFromMap(new IdentityHashMap<>())));
        return fitted;
    }

    private static void collectFitted(Block block, List<FitsTrainingSplit> fitted, Set<Block> seen) {
        if (!seen.add(block)) {
            return;
        }
        if (block instanceof FitsTrainingSplit module) {
            fitted.add(module);
        }
        block.getChildren().values().forEach(child -> collectFitted(child, fitted, seen));
    }

    @Override
    public void close() {
        manager.close();
    }
}
