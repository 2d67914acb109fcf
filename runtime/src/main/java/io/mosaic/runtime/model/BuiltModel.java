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
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.runtime.encodercache.EncoderCaches;
import java.util.ArrayList;
import java.util.Collection;
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
 * @param slots       the module built for each slot, in build order (slots that share a component hold the same
 *                    module object, whole or as a link of their chains)
 * @param shared      the module of each shared component, by name
 * @param objectives  the assembly's objectives created for this model, by their name in the assembly
 *                    ({@code cross-entropy}, {@code cmd#2}); the trainer and evaluator compute losses with these
 * @param parameters  every parameter and buffer by checkpoint name ({@code <slot>/<djl name>},
 *                    {@code pipeline/<djl name>}, {@code debiaser/<djl name>}, and
 *                    {@code shared/<name>/<djl name>} for a shared component, once, and
 *                    {@code objective/<name>/<djl name>} for an {@link ObjectiveModule})
 * @param counts      per component ({@code pipeline}, {@code <slot>} or {@code <slot>[i]} in a chain,
 *                    {@code debiaser}, {@code shared:<name>} for a shared component, in place of the slots that
 *                    use it, {@code objective:<name>} for an {@link ObjectiveModule}), its number of
 *                    trained scalar parameters (buffers are not counted)
 * @param checks      what the guards of the network's components check
 * @param ownGroups   the optimizer groups components ask for ({@link io.mosaic.api.model.OwnOptimizerGroup}), in
 *                    build order
 * @param manager     owns the model's parameters
 * @param caches      the on-disk outputs of its frozen first encoders, which the runtime feeds each batch it makes
 */
public record BuiltModel(Network network, Optional<Debiaser> debiaser, Map<String, Module> slots,
                         Map<String, Module> shared, Map<String, Objective> objectives, Map<String, Parameter> parameters,
                         Map<String, Long> counts, ForwardChecks checks, List<ComponentGroup> ownGroups,
                         NDManager manager, EncoderCaches caches) implements AutoCloseable {
    /** How {@link #counts} names the pipeline's own parameters (of no slot), and their prefix in {@link #parameters}. */
    public static final String PIPELINE_PART = "pipeline";
    /** How {@link #counts} names the debiaser's parameters, and their prefix in {@link #parameters}. */
    public static final String DEBIASER_PART = "debiaser";
    /** How {@link #counts} names an objective's parameters: {@code objective:modality-discriminator}. */
    public static final String OBJECTIVE_PART = "objective:";
    /** How {@link #parameters} names an objective's parameters: {@code objective/<name>/<djl name>}. */
    static final String OBJECTIVE_PREFIX = "objective/";
    /** How {@link #counts} names a shared component's parameters: {@code shared:invariant}. */
    public static final String SHARED_PART = "shared:";
    /** How {@link #parameters} names a shared component's parameters: {@code shared/<name>/<djl name>}. */
    static final String SHARED_PREFIX = "shared/";

    public BuiltModel {
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
        objectives = Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        ownGroups = List.copyOf(ownGroups);
    }

    /** The model's trained parameters: what runs at inference, without the objectives' (see {@link #counts}). */
    public long totalParameters() {
        return modelTotal(counts);
    }

    /** The trained parameters of the objectives that own some (they train with the model but do not run after). */
    public long objectiveParameters() {
        return counts.values().stream().mapToLong(Long::longValue).sum() - totalParameters();
    }

    /** The model's total in {@code counts} as {@link #counts} lays them out: every part but the objectives. */
    public static long modelTotal(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> !e.getKey().startsWith(OBJECTIVE_PART))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The part of the model the parameter called {@code name} (a key of {@link #parameters}) belongs to, named as
     * {@link #counts} names parts, except that a chain's links are one part, its slot: {@code text},
     * {@code pipeline}, {@code debiaser}, {@code shared:<name>} or {@code objective:<name>}.
     */
    public static String partOf(String name) {
        if (name.startsWith(SHARED_PREFIX)) {
            return SHARED_PART + firstSegment(name.substring(SHARED_PREFIX.length()));
        }
        if (name.startsWith(OBJECTIVE_PREFIX)) {
            return OBJECTIVE_PART + firstSegment(name.substring(OBJECTIVE_PREFIX.length()));
        }
        return firstSegment(name);
    }

    private static String firstSegment(String path) {
        return path.substring(0, path.indexOf('/'));
    }

    /** The objective called {@code name} in the assembly, as created for this model. */
    public Objective objective(String name) {
        Objective objective = objectives.get(name);
        if (objective == null) {
            throw new IllegalArgumentException("no objective '" + name + "' in this model; objectives: "
                    + objectives.keySet());
        }
        return objective;
    }

    /** The objectives that keep state over the training split, by their name in the assembly. */
    public Map<String, StatefulObjective> statefulObjectives() {
        Map<String, StatefulObjective> stateful = new LinkedHashMap<>();
        objectives.forEach((name, objective) -> {
            if (objective instanceof StatefulObjective kept) {
                stateful.put(name, kept);
            }
        });
        return stateful;
    }

    /** The parameters that train (every parameter but the buffers), by checkpoint name. */
    public Map<String, Parameter> trainable() {
        Map<String, Parameter> trainable = new LinkedHashMap<>(parameters);
        trainable.values().removeIf(Module::isBuffer);
        return trainable;
    }

    /**
     * Freezes exactly the parameters of {@code frozenSlots} and those of the objectives that are not
     * {@code activeObjectives} (an objective that does not apply in a stage has no gradient there, and Adam's
     * momentum would still move its parameters); every other parameter trains. Buffers never train.
     */
    public void freezeOnly(Collection<String> frozenSlots, Collection<String> activeObjectives) {
        Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
        frozenSlots.forEach(slot -> slots.get(slot).getParameters().values().forEach(frozen::add));
        objectives.forEach((name, objective) -> {
            if (objective instanceof ObjectiveModule module && !activeObjectives.contains(name)) {
                module.getParameters().values().forEach(frozen::add);
            }
        });
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
        caches.close();
        manager.close();
    }
}
