package io.mosaic.runtime.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.debias.Debiaser;
import io.mosaic.api.debias.DebiaserFactory;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderChain;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.HeadFactory;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.OwnOptimizerGroup;
import io.mosaic.api.model.PipelineContext;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedComponent;
import io.mosaic.runtime.assembly.ResolvedObjective;
import io.mosaic.runtime.encodercache.EncoderCaches;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the network of a resolved assembly: the pipeline asks for its slots, and each slot's components are created
 * by their factories with the shapes the pipeline passes. A component that rejects its input (a shape it cannot
 * take) is reported at the line of its {@code use:} entry. Every module a component builds, and the pipeline's
 * network, runs behind a guard that attributes its failures to it ({@link ComponentFailureException}). The
 * assembly's objectives are created for the model too, each once, so that an {@link ObjectiveModule}'s parameters
 * are the model's: trained, checkpointed and counted (apart from the model's own).
 */
public final class ModelBuilder {

    private ModelBuilder() {
    }

    /** Builds the model, caching nothing; its parameters live in a new manager under {@code parent}. */
    public static BuiltModel build(ResolvedAssembly assembly, NDManager parent) {
        return build(assembly, parent, EncoderCaches.none());
    }

    /**
     * Builds the model; its parameters live in a new manager under {@code parent}. A frozen file-backed encoder
     * ({@link io.mosaic.api.model.CacheableEncoder}) first in its chain reads its outputs from {@code caches}, which
     * the model closes.
     */
    public static BuiltModel build(ResolvedAssembly assembly, NDManager parent, EncoderCaches caches) {
        NDManager manager = parent.newSubManager();
        try {
            Context context = new Context(assembly, manager, caches);
            ResolvedComponent pipeline = assembly.pipeline();
            Network network = new GuardedNetwork(context.built(pipeline, "pipeline", () -> ((PipelineFactory) pipeline
                    .component().factory()).create(pipeline.parameters(), context)),
                    assembly.dataSpec().task().outputs(), context.guard(pipeline), context.pass);
            Optional<Debiaser> debiaser = assembly.debiaser().map(component -> context.built(component, "debiaser",
                    () -> ((DebiaserFactory) component.component().factory())
                            .create(component.parameters(), assembly.dataSpec(), context)));
            Map<String, Objective> objectives = new LinkedHashMap<>();
            for (ResolvedObjective objective : assembly.objectives()) {
                ResolvedComponent component = objective.component();
                objectives.put(objective.name(), context.built(component, "objective", () -> ((ObjectiveFactory)
                        component.component().factory()).create(component.parameters(), assembly.dataSpec(), context)));
            }
            BuiltModel model = context.finish(network, debiaser, objectives);
            context.budget.stopCounting();
            return model;
        } catch (RuntimeException e) {
            caches.close();
            manager.close();
            throw e;
        }
    }

    /**
     * Creates an objective as a resolver checks it: with a short-lived build context whose manager (on the CPU,
     * budgeted as a model's is) is opened only if the objective creates parameters, and closed before this returns.
     * The objective returned answers for its taps and views; its parameters, if it had any, are released.
     *
     * @param managers opens the context's manager
     * @throws IllegalArgumentException when the factory refuses, or its parameters would pass the budget
     */
    public static Objective checkedObjective(ObjectiveFactory factory, Parameters parameters, DataSpec data,
                                             Supplier<NDManager> managers) {
        ParameterBudget budget = ParameterBudget.ofThisMachine();
        NDManager[] opened = new NDManager[1];
        BuildContext context = new BuildContext() {
            @Override
            public NDManager manager() {
                if (opened[0] == null) {
                    opened[0] = budget.guard(managers.get());
                }
                return opened[0];
            }

            @Override
            public DataSpec data() {
                return data;
            }
        };
        try {
            return factory.create(parameters, data, context);
        } catch (ParameterBudget.Exceeded e) {
            throw new IllegalArgumentException(budget.refusal(e.total(), e.total()), e);
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
    }

    /** A shared component's module, with the slot that built it and the input it was built for. */
    private record SharedModule(Module module, String place, String input) {
    }

    private static final class Context implements PipelineContext {
        private final ResolvedAssembly assembly;
        private final NDManager manager;
        private final Map<String, Module> slots = new LinkedHashMap<>();
        private final Map<String, SharedModule> shared = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private final ForwardChecks checks = new ForwardChecks();
        private final ParameterBudget budget = ParameterBudget.ofThisMachine();
        private final NDManager budgeted;
        private final EncoderCaches caches;
        /** The component whose factory is running: the one whose file parameters {@link #resolve} reads. */
        private ResolvedComponent building;
        private final PassBatch pass = new PassBatch();
        /** The modules that ask for an optimizer group of their own, by the part they are counted as. */
        private final Map<String, Module> ownGroups = new LinkedHashMap<>();

        Context(ResolvedAssembly assembly, NDManager manager, EncoderCaches caches) {
            this.assembly = assembly;
            this.manager = manager;
            this.budgeted = budget.guard(manager);
            this.caches = caches;
        }

        /** The parameters' manager, which refuses arrays beyond the {@link ParameterBudget} before allocating. */
        @Override
        public NDManager manager() {
            return budgeted;
        }

        @Override
        public DataSpec data() {
            return assembly.dataSpec();
        }

        /** Against the folder of the assembly file that chose the component being built, when it is a file. */
        @Override
        public Path resolve(String path) {
            Path written = Path.of(path);
            if (building == null || written.isAbsolute()) {
                return PipelineContext.super.resolve(path);
            }
            Path assemblyFile = Path.of(building.use().origin().source());
            return Files.isRegularFile(assemblyFile)
                    ? assemblyFile.toAbsolutePath().resolveSibling(written).normalize()
                    : PipelineContext.super.resolve(path);
        }

        @Override
        public Encoder encoder(String slot, FeatureShape input) {
            List<ResolvedComponent> components = components(slot, ComponentKind.ENCODER);
            List<Encoder> encoders = new ArrayList<>();
            FeatureShape shape = input;
            for (int i = 0; i < components.size(); i++) {
                ResolvedComponent component = components.get(i);
                EncoderFactory factory = (EncoderFactory) component.component().factory();
                // The resolver lets only the first encoder of the text slot read token ids, on data that has them.
                boolean tokens = i == 0 && factory.readsTokenIds(component.parameters());
                FeatureShape in = tokens ? FeatureShape.sequence(shape.steps(), data().vocabulary()) : shape;
                String place = components.size() == 1 ? slot : slot + "[" + i + "]";
                boolean first = i == 0;
                Encoder encoder = placed(component, place, Encoder.class, (tokens ? "token ids " : "features ") + in,
                        at -> {
                            Encoder created = built(component, at, () -> factory.create(component.parameters(), in,
                                    this));
                            GuardedEncoder guarded = new GuardedEncoder(created, guard(component, at));
                            Encoder fed = tokens ? new TokenFedEncoder(guarded, pass) : guarded;
                            return first ? caches.firstOfChain(created, fed, at, pass::during) : fed;
                        });
                encoders.add(encoder);
                shape = encoder.output();
            }
            return register(slot, encoders.size() == 1 ? encoders.get(0) : new EncoderChain(encoders));
        }

        @Override
        public Fusion fusion(String slot, Map<String, FeatureShape> inputs) {
            ResolvedComponent component = components(slot, ComponentKind.FUSION).get(0);
            return register(slot, placed(component, slot, Fusion.class, "inputs " + inputs, at -> new GuardedFusion(
                    built(component, at, () -> ((FusionFactory) component.component().factory())
                            .create(component.parameters(), inputs, this)), guard(component, at))));
        }

        @Override
        public Head head(String slot, FeatureShape input, int outputs) {
            ResolvedComponent component = components(slot, ComponentKind.HEAD).get(0);
            return register(slot, placed(component, slot, Head.class, "features " + input + " for " + outputs
                    + " outputs",
                    at -> new GuardedHead(built(component, at, () -> ((HeadFactory) component.component().factory())
                            .create(component.parameters(), input, outputs, this)), outputs,
                            guard(component, at))));
        }

        /**
         * The module of {@code component} at {@code place} ({@code text[1]} in a chain): built by {@code build},
         * given the place it is counted and guarded under, and counted there; or, for a shared component, the module
         * its first slot built (counted once, as {@code shared:<name>}), which a later slot must pass the same input.
         *
         * @param input what the slot passes, as messages show it ({@code features 50x768})
         */
        private <M extends Module> M placed(ResolvedComponent component, String place, Class<M> type, String input,
                                            Function<String, M> build) {
            Optional<String> name = component.use().shared();
            if (name.isEmpty()) {
                M module = build.apply(place);
                counts.put(place, count(module));
                return module;
            }
            SharedModule first = shared.get(name.get());
            if (first == null) {
                String part = BuiltModel.SHARED_PART + name.get();
                M module = build.apply(part);
                counts.put(part, count(module));
                shared.put(name.get(), new SharedModule(module, place, input));
                return module;
            }
            if (!first.input().equals(input)) {
                throw new AssemblyException(component.use().origin(), "shared component '" + name.get() + "' was "
                        + "built for slot " + first.place() + ", which passes " + first.input() + "; slot " + place
                        + " passes " + input + " (a shared component takes one input shape)");
            }
            // The resolver has checked that every slot using it takes its kind.
            return type.cast(first.module());
        }

        private List<ResolvedComponent> components(String slot, ComponentKind kind) {
            if (slots.containsKey(slot)) {
                throw new IllegalStateException("pipeline '" + assembly.pipeline().component().name()
                        + "' asked for slot '" + slot + "' twice");
            }
            List<ResolvedComponent> components = assembly.slots().get(slot);
            if (components == null) {
                throw new IllegalStateException("pipeline '" + assembly.pipeline().component().name()
                        + "' asked for slot '" + slot + "', which it does not declare");
            }
            ComponentKind actual = components.get(0).component().kind();
            if (actual != kind) {
                throw new IllegalStateException("pipeline '" + assembly.pipeline().component().name()
                        + "' asked for slot '" + slot + "' as a " + kind.id() + ", but declares it as a "
                        + actual.id());
            }
            return components;
        }

        /** The guard of the pipeline's network. */
        ForwardGuard guard(ResolvedComponent pipeline) {
            return new ForwardGuard(PlacedComponent.unslotted(pipeline.component()), checks);
        }

        /** The guard of {@code component}'s module in {@code slot} ({@code text[1]} in a chain). */
        private ForwardGuard guard(ResolvedComponent component, String slot) {
            return new ForwardGuard(PlacedComponent.inSlot(component.component(), slot), checks);
        }

        private <M extends Module> M register(String slot, M module) {
            slots.put(slot, module);
            return module;
        }

        /**
         * Creates a module, reporting a factory's refusal, or parameters beyond the budget, at the line of the
         * component's entry.
         *
         * @param place the component's slot ({@code text[1]} in a chain), or {@code pipeline}, {@code debiaser},
         *              {@code objective}
         */
        <T> T built(ResolvedComponent component, String place, Supplier<T> factory) {
            long before = budget.used();
            ResolvedComponent outer = building;
            building = component;
            try {
                T built = factory.get();
                if (built instanceof OwnOptimizerGroup && built instanceof Module module) {
                    ownGroups.put(place, module);
                }
                return built;
            } catch (IllegalArgumentException e) {
                throw new AssemblyException(component.use().origin(), component.component().label() + " (bundle "
                        + component.component().bundle() + ") cannot be built: " + e.getMessage());
            } catch (ParameterBudget.Exceeded e) {
                RegisteredComponent registered = component.component();
                String slot = place.equals(registered.kind().id()) ? "" : " (slot " + place + ")";
                throw new AssemblyException(component.use().origin(), registered.kind().id() + " '"
                        + registered.name() + "'" + slot + ": " + budget.refusal(e.total() - before, e.total()));
            } finally {
                building = outer;
            }
        }

        BuiltModel finish(Network network, Optional<Debiaser> debiaser, Map<String, Objective> objectives) {
            Map<String, Parameter> named = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            // A shared module's parameters are named once, under shared/, however many slots use it.
            Map<String, Module> sharedModules = new LinkedHashMap<>();
            shared.forEach((name, module) -> {
                sharedModules.put(name, module.module());
                collect(module.module(), BuiltModel.SHARED_PREFIX + name, named, seen);
            });
            slots.forEach((slot, module) -> collect(module, slot, named, seen));
            collect(network, BuiltModel.PIPELINE_PART, named, seen);
            long own = named.entrySet().stream().filter(e -> e.getKey().startsWith(BuiltModel.PIPELINE_PART + "/"))
                    .filter(e -> !Module.isBuffer(e.getValue())).mapToLong(e -> e.getValue().getArray().size()).sum();
            Map<String, Long> ordered = new LinkedHashMap<>();
            ordered.put(BuiltModel.PIPELINE_PART, own);
            ordered.putAll(counts);
            debiaser.ifPresent(d -> {
                collect(d, BuiltModel.DEBIASER_PART, named, seen);
                ordered.put(BuiltModel.DEBIASER_PART, count(d));
            });
            objectives.forEach((name, objective) -> {
                if (objective instanceof ObjectiveModule module) {
                    collect(module, BuiltModel.OBJECTIVE_PREFIX + name, named, seen);
                    ordered.put(BuiltModel.OBJECTIVE_PART + name, count(module));
                }
            });
            return new BuiltModel(network, debiaser, slots, sharedModules, objectives, named, ordered, checks,
                    componentGroups(named), manager, caches);
        }

        /** The groups of {@link #ownGroups} that train something, each with its parameters by checkpoint name. */
        private List<ComponentGroup> componentGroups(Map<String, Parameter> named) {
            List<ComponentGroup> groups = new ArrayList<>();
            ownGroups.forEach((part, module) -> {
                Set<Parameter> own = Collections.newSetFromMap(new IdentityHashMap<>());
                module.getParameters().values().forEach(own::add);
                Set<String> names = new LinkedHashSet<>();
                named.forEach((name, parameter) -> {
                    if (own.contains(parameter)) {
                        names.add(name);
                    }
                });
                if (names.isEmpty()) {
                    return; // a frozen module: nothing of it trains
                }
                OwnOptimizerGroup settings = (OwnOptimizerGroup) module;
                groups.add(new ComponentGroup(part, settings.learningRate(), settings.weightDecay(), names));
            });
            return groups;
        }

        private static void collect(Module module, String prefix, Map<String, Parameter> named, Set<String> seen) {
            for (Pair<String, Parameter> pair : module.getParameters()) {
                if (seen.add(pair.getValue().getId())) {
                    named.put(prefix + "/" + pair.getKey(), pair.getValue());
                }
            }
        }

        private static long count(Module module) {
            long total = 0;
            for (Pair<String, Parameter> pair : module.getParameters()) {
                if (!Module.isBuffer(pair.getValue())) {
                    total += pair.getValue().getArray().size();
                }
            }
            return total;
        }
    }
}
