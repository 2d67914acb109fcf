package io.mosaic.runtime.assembly;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.ParameterSpec;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Slot;
import io.mosaic.api.model.StagePlan;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.api.objective.Views;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.ProtocolFactory;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.metrics.MetricFamily;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.registry.ComponentLookup;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.registry.UnknownComponentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks an {@link Assembly} against what is installed and fills in every default. It reports every problem it
 * finds in one {@link AssemblyException}, each at its file and line, and builds nothing.
 */
public final class AssemblyResolver {
    private final ComponentLookup registry;
    private final Map<String, DataSource> sources;
    private final Set<String> metrics;
    private final Supplier<NDManager> checkManagers;

    /**
     * @param sources       the data sources by name
     * @param metrics       the metric ids a selection may name (besides {@code loss})
     * @param checkManagers opens a CPU manager for an objective that creates parameters when it is checked (closed
     *                      right after)
     */
    public AssemblyResolver(ComponentLookup registry, Map<String, DataSource> sources, Set<String> metrics,
                            Supplier<NDManager> checkManagers) {
        this.registry = registry;
        this.sources = Map.copyOf(sources);
        this.metrics = Set.copyOf(metrics);
        this.checkManagers = checkManagers;
    }

    public ResolvedAssembly resolve(Assembly assembly) {
        return new Resolution(assembly).run();
    }

    /** One resolution: the assembly and the problems found so far. */
    private final class Resolution {
        private final Assembly assembly;
        private final Problems problems = new Problems();
        private final Map<MissingProtocol, ResolvedComponent> protocolComponents = new IdentityHashMap<>();
        /** The shared components the slots use, each resolved at its first use, by name. */
        private final Map<String, FirstUse> shared = new LinkedHashMap<>();

        Resolution(Assembly assembly) {
            this.assembly = assembly;
        }

        ResolvedAssembly run() {
            DataChoice data = data();
            ResolvedComponent pipeline = component(ComponentKind.PIPELINE, assembly.pipeline(), "pipeline");
            Map<String, List<ResolvedComponent>> slots = pipeline == null ? Map.of() : slots(pipeline, data);
            Map<String, ResolvedView> views = data == null ? Map.of() : views(data.spec());
            Set<String> taps = pipeline == null ? Set.of() : taps(pipeline, slots, views, data);
            List<ResolvedObjective> objectives = data == null ? List.of()
                    : objectives(data.spec(), pipeline, taps, assembly.train().views().keySet());
            Optional<ResolvedComponent> debiaser = assembly.debiasers().stream().findFirst()
                    .map(use -> component(ComponentKind.DEBIASER, use, "debiasers"));
            boolean partsKnown = pipeline != null && objectives.size() == assembly.objectives().size()
                    && debiaser.isPresent() == !assembly.debiasers().isEmpty();
            TrainSettings train = train(pipeline, slots.keySet(),
                    parts(slots.keySet(), debiaser.isPresent(), objectives), partsKnown, objectives, data);
            List<ResolvedSweep> sweeps = data == null ? List.of() : sweeps(data.spec());
            Parameters evaluate = check(assembly.evaluate().settings(), SettingsSchemas.EVALUATE, "evaluate");
            List<String> sweepMetrics = evaluate == null || data == null ? List.of()
                    : sweepMetrics(evaluate, data.metrics());
            Parameters backend = check(assembly.backend(), SettingsSchemas.BACKEND, "backend");
            problems.throwIfAny();
            Map<String, ResolvedComponent> used = new LinkedHashMap<>();
            shared.forEach((name, first) -> used.put(name, first.component()));
            return new ResolvedAssembly(assembly, pipeline, used, slots, objectives, debiaser, views, sweeps,
                    sweepMetrics, data.source(), data.parameters(), data.seed(), data.dataset(), data.spec(),
                    data.metrics(), train, taps, backend.string("device"), backend.integer("threads"), unusedShared());
        }

        /** A shared component as its first slot resolved it ({@code component} null when it failed, reported once). */
        private record FirstUse(ResolvedComponent component, String slot, ComponentKind kind) {
        }

        /**
         * The component a slot's {@code { shared: name }} uses: resolved, as the kind the slot takes, at its first
         * use; a later slot must take the same kind.
         */
        private ResolvedComponent shared(ComponentUse reference, Slot slot) {
            String name = reference.shared().orElseThrow();
            FirstUse first = shared.get(name);
            if (first == null) {
                ComponentUse definition = assembly.shared().get(name);
                first = new FirstUse(component(slot.kind(), definition, "shared." + name), slot.name(), slot.kind());
                shared.put(name, first);
            } else if (first.kind() != slot.kind()) {
                problems.add(reference.origin(), "components." + slot.name() + ": shared component '" + name
                        + "' is " + withArticle(first.kind()) + " (slot " + first.slot() + " uses it as one); slot '"
                        + slot.name() + "' takes " + withArticle(slot.kind()));
                return null;
            }
            ResolvedComponent definition = first.component();
            return definition == null ? null
                    : new ResolvedComponent(reference, definition.component(), definition.parameters());
        }

        private static String withArticle(ComponentKind kind) {
            return ("aeiou".indexOf(kind.id().charAt(0)) >= 0 ? "an " : "a ") + kind.id();
        }

        /** A warning for each shared component no slot uses (an assembly that extends another may leave one). */
        private List<AssemblyException.Problem> unusedShared() {
            List<AssemblyException.Problem> warnings = new ArrayList<>();
            assembly.shared().forEach((name, definition) -> {
                if (!shared.containsKey(name)) {
                    warnings.add(new AssemblyException.Problem(definition.origin(), "shared." + name + ": no slot "
                            + "uses it, so it is not built (a slot uses it with '{ shared: " + name + " }')"));
                }
            });
            return warnings;
        }

        private record DataChoice(DataSource source, Parameters parameters, long seed, Dataset dataset,
                                  DataSpec spec, MetricFamily metrics) {
        }

        private DataChoice data() {
            Settings settings = assembly.data();
            YamlNode sourceNode = settings.values().get("source");
            if (sourceNode == null || !(sourceNode.toPlain() instanceof String name)) {
                problems.add(settings.origin(), "data: missing 'source'; known sources: " + sourceNames());
                return null;
            }
            DataSource source = sources.get(name);
            if (source == null) {
                problems.add(sourceNode.origin(), "data: unknown source " + Fragment.quote(name) + "; known sources: "
                        + sourceNames());
                return null;
            }
            ParameterSchema.Builder schema = ParameterSchema.builder();
            SettingsSchemas.DATA_COMMON.specs().forEach(schema::add);
            source.parameters().specs().forEach(schema::add);
            Parameters all;
            try {
                all = settings.check(schema.build(), "data");
            } catch (AssemblyException e) {
                problems.addAll(e);
                return null;
            }
            Map<String, Object> own = new LinkedHashMap<>(all.asMap());
            SettingsSchemas.DATA_COMMON.specs().forEach(spec -> own.remove(spec.name()));
            Parameters parameters = Parameters.of(source.parameters(), own);
            long seed = all.integer("seed") < 0 ? assembly.seed() : all.integer("seed");
            try {
                Dataset dataset = source.open(parameters, seed);
                DataSpec spec = new DataSpec(dataset.shapes(), dataset.vocabulary(), Task.parse(all.string("task")));
                if (dataset.classesFromFile() && spec.task().classes() != Dataset.FILE_CLASSES) {
                    problems.add(originOf(settings, "labels"), "data: labels: 'file' reads MMSA's 3 classes "
                            + "(negative, neutral, positive) from classification_labels; it needs task: classes-3, "
                            + "found " + spec.task());
                    return null;
                }
                return new DataChoice(source, parameters, seed, dataset, spec,
                        family(spec.task(), all.string("metrics"), dataset));
            } catch (ParameterException e) {
                problems.add(originOf(settings, e.parameter()), "data: " + e.getMessage());
                return null;
            } catch (IllegalArgumentException e) {
                problems.add(settings.origin(), "data: " + e.getMessage());
                return null;
            }
        }

        /** Where {@code key} of {@code settings} is written, or the block itself when it is left to its default. */
        private static Origin originOf(Settings settings, String key) {
            YamlNode node = settings.values().get(key);
            return node == null ? settings.origin() : node.origin();
        }

        private static MetricFamily family(Task task, String choice, Dataset dataset) {
            if (!task.isRegression()) {
                return task.classes() == 3 ? MetricFamily.POLARITY : MetricFamily.CLASSES;
            }
            return switch (choice) {
                case "mosi" -> MetricFamily.MOSI;
                case "sims" -> MetricFamily.SIMS;
                default -> dataset.simsScale() ? MetricFamily.SIMS : MetricFamily.MOSI;
            };
        }

        private String sourceNames() {
            return String.join(", ", new TreeSet<>(sources.keySet()));
        }

        /** @param data the data, or null when it did not resolve (reported already) */
        private Map<String, List<ResolvedComponent>> slots(ResolvedComponent pipeline, DataChoice data) {
            PipelineFactory factory = (PipelineFactory) pipeline.component().factory();
            Map<String, Slot> declared = new LinkedHashMap<>();
            factory.slots().forEach(slot -> declared.put(slot.name(), slot));
            assembly.components().forEach((name, fill) -> {
                if (!declared.containsKey(name)) {
                    problems.add(fill.origin(), AssemblyParser.unknownKey("slot", name, declared.keySet())
                            .replace("Known:", "Pipeline '" + pipeline.component().name() + "' has:"));
                }
            });
            Map<String, List<ResolvedComponent>> slots = new LinkedHashMap<>();
            for (Slot slot : declared.values()) {
                SlotFill fill = assembly.components().get(slot.name());
                if (fill == null) {
                    problems.add(assembly.origin(), "components: slot '" + slot.name() + "' of pipeline '"
                            + pipeline.component().name() + "' is empty; it takes " + (slot.chain()
                            ? "a list of encoders" : "a " + slot.kind().id()) + " (" + slot.description() + ")");
                    continue;
                }
                if (fill.listed() && !slot.chain()) {
                    problems.add(fill.origin(), "components." + slot.name() + ": this slot takes one "
                            + slot.kind().id() + ", not a list");
                }
                List<ResolvedComponent> resolved = new ArrayList<>();
                Set<String> recorded = new HashSet<>();
                for (ComponentUse use : fill.components()) {
                    ResolvedComponent component = use.shared().isPresent() ? shared(use, slot)
                            : component(slot.kind(), use, "components." + slot.name());
                    if (component != null) {
                        checkTokenIds(component, resolved.isEmpty(), use, slot.name(), data);
                        checkChainTaps(component, recorded, use, slot.name());
                        recorded.addAll(component.component().factory().taps());
                        resolved.add(component);
                    }
                }
                slots.put(slot.name(), resolved);
            }
            return slots;
        }

        /**
         * Refuses an encoder that reads token ids anywhere but first in the chain of the {@code text} slot (the slot
         * pipelines feed the batch's text, whose ids it is handed), or on data without token ids.
         *
         * @param first whether the component heads its chain
         */
        private void checkTokenIds(ResolvedComponent component, boolean first, ComponentUse use, String slot,
                                   DataChoice data) {
            if (!(component.component().factory() instanceof EncoderFactory encoder)
                    || !encoder.readsTokenIds(component.parameters())) {
                return;
            }
            String what = "components." + slot + ": encoder '" + component.component().name() + "' reads token ids";
            if (!slot.equals(Modality.TEXT.id()) || !first) {
                problems.add(use.origin(), what + ", so it can only be the first encoder of the '"
                        + Modality.TEXT.id() + "' slot's chain, which is handed the batch's text");
            } else if (data != null && data.spec().vocabulary() == 0) {
                problems.add(use.origin(), what + ", and the data carries none (an MMSA file needs 'text_bert', "
                        + "an npz file '<split>_token_ids' or '<split>_text_bert')");
            }
        }

        /** Refuses an encoder whose chain has not recorded the taps it reads from earlier members. */
        private void checkChainTaps(ResolvedComponent component, Set<String> recorded, ComponentUse use,
                                    String slot) {
            if (!(component.component().factory() instanceof EncoderFactory encoder)) {
                return;
            }
            for (String tap : encoder.chainTaps()) {
                if (!recorded.contains(tap)) {
                    problems.add(use.origin(), "components." + slot + ": encoder '" + component.component().name()
                            + "' reads tap '" + tap + "' from an earlier encoder of its chain, and none before it "
                            + "records one" + (recorded.isEmpty() ? "" : "; they record " + new TreeSet<>(recorded)));
                }
            }
        }

        private Set<String> taps(ResolvedComponent pipeline, Map<String, List<ResolvedComponent>> slots,
                                 Map<String, ResolvedView> views, DataChoice data) {
            Set<String> taps = new LinkedHashSet<>(((PipelineFactory) pipeline.component().factory()).taps());
            if (!views.isEmpty()) {
                data.spec().inputs().keySet().forEach(m -> taps.add(MissingProtocol.removedTap(m)));
            }
            slots.forEach((slot, components) -> components.forEach(c ->
                    c.component().factory().taps().forEach(tap -> taps.add(slot + "." + tap))));
            return taps;
        }

        /** @param viewNames the views the assembly declares, resolved or not (no follow-on errors) */
        private List<ResolvedObjective> objectives(DataSpec data, ResolvedComponent pipeline, Set<String> taps,
                                                   Set<String> viewNames) {
            List<ResolvedObjective> objectives = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            Set<String> knownViews = new LinkedHashSet<>();
            knownViews.add(Views.CLEAN);
            knownViews.addAll(viewNames);
            for (Entry entry : assembly.objectives()) {
                ComponentUse use = entry.component();
                ResolvedComponent component = component(ComponentKind.OBJECTIVE, use, "objectives");
                Parameters settings = check(entry.settings(), SettingsSchemas.OBJECTIVE_ENTRY, "objectives");
                if (component == null || settings == null) {
                    continue;
                }
                Objective objective;
                try {
                    objective = ModelBuilder.checkedObjective((ObjectiveFactory) component.component().factory(),
                            component.parameters(), data, checkManagers);
                } catch (IllegalArgumentException e) {
                    // A refused parameter is reported at its own line (a block-style entry spans several).
                    Origin at = e instanceof ParameterException refused ? use.originOf(refused.parameter())
                            : use.origin();
                    problems.add(at, "objective '" + component.component().name() + "': " + e.getMessage());
                    continue;
                }
                String name = component.component().name();
                String view = settings.string("view");
                if (!knownViews.contains(view)) {
                    problems.add(use.origin(), "objective '" + name + "' reads view " + Fragment.quote(view)
                            + ", which the assembly does not define; views: " + String.join(", ", knownViews)
                            + " (define one under train.views)");
                }
                for (String needed : objective.views()) {
                    if (!knownViews.contains(needed)) {
                        problems.add(use.origin(), "objective '" + name + "' needs view '" + needed
                                + "'; define it under train.views, e.g. '" + needed + ": { use: rmfm }'");
                    }
                }
                if (pipeline != null) {
                    for (String tap : objective.taps()) {
                        if (!taps.contains(tap)) {
                            problems.add(use.origin(), "objective '" + name + "' needs tap '" + tap
                                    + "', which pipeline '" + pipeline.component().name()
                                    + "' does not expose; it exposes " + String.join(", ", new TreeSet<>(taps)));
                        }
                    }
                }
                int count = seen.merge(name, 1, Integer::sum);
                objectives.add(new ResolvedObjective(count == 1 ? name : name + "#" + count, component,
                        settings.real("weight"), view, objective));
            }
            if (assembly.objectives().isEmpty()) {
                problems.add(assembly.origin(), "objectives: the assembly trains nothing; add at least one, "
                        + "e.g. '- { use: l1 }'");
            }
            return objectives;
        }

        private Map<String, ResolvedView> views(DataSpec data) {
            Map<String, ResolvedView> views = new LinkedHashMap<>();
            assembly.train().views().forEach((name, entry) -> {
                String where = "train.views." + name;
                Parameters settings = check(entry.settings(), SettingsSchemas.VIEW_ENTRY, where);
                MissingProtocol protocol = protocol(entry.component(), data, where);
                if (settings != null && protocol != null
                        && withinLevels(entry, "rate", List.of(settings.real("rate")), -1, protocol, where)) {
                    double rate = settings.real("rate");
                    views.put(name, new ResolvedView(name, protocolComponents.get(protocol), protocol,
                            rate < 0 ? OptionalDouble.empty() : OptionalDouble.of(rate)));
                }
            });
            return views;
        }

        private List<ResolvedSweep> sweeps(DataSpec data) {
            List<ResolvedSweep> sweeps = new ArrayList<>();
            for (Entry entry : assembly.evaluate().sweeps()) {
                Parameters settings = check(entry.settings(), SettingsSchemas.SWEEP_ENTRY, "evaluate.sweeps");
                MissingProtocol protocol = protocol(entry.component(), data, "evaluate.sweeps");
                if (settings != null && protocol != null
                        && withinLevels(entry, "rates", settings.reals("rates"), 0, protocol, "evaluate.sweeps")) {
                    List<Double> rates = settings.reals("rates").stream().distinct().sorted().toList();
                    sweeps.add(new ResolvedSweep(protocolComponents.get(protocol), protocol, rates));
                }
            }
            return sweeps;
        }

        private List<String> sweepMetrics(Parameters evaluate, MetricFamily family) {
            List<String> chosen = evaluate.strings("metrics");
            for (String metric : chosen) {
                if (!family.reports(metric)) {
                    YamlNode node = assembly.evaluate().settings().values().get("metrics");
                    problems.add(node == null ? assembly.evaluate().settings().origin() : node.origin(),
                            "evaluate.metrics: " + unreported(metric, family));
                }
            }
            return chosen;
        }

        /** Why {@code metric} cannot be used: unknown, or not among what this task and data report. */
        private String unreported(String metric, MetricFamily family) {
            String reported = String.join(", ", family.metrics().stream().map(Metric::id).toList());
            if (!metrics.contains(metric)) {
                return "unknown metric " + Fragment.quote(metric) + "; this task and data report " + reported;
            }
            return "metric '" + metric + "' is not reported for this task and data (" + family.id()
                    + " metrics); they report " + reported;
        }

        /** Binds a protocol entry and creates the protocol for the data, reporting a refusal at its line. */
        /**
         * Whether {@code levels} are at most the protocol's largest level (a missing rate's 1, a noise σ's more);
         * the schema checked the lower bound. Reports the first that is not, at its key.
         */
        private boolean withinLevels(Entry entry, String key, List<Double> levels, double lowest,
                                     MissingProtocol protocol, String where) {
            double highest = protocol.maxLevel();
            for (double level : levels) {
                if (!(level <= highest)) {
                    YamlNode node = entry.settings().values().get(key);
                    problems.add(node == null ? entry.settings().origin() : node.origin(), where + ": parameter '"
                            + key + "': value " + level + " is out of range [" + lowest + ", " + highest + "]");
                    return false;
                }
            }
            return true;
        }

        private MissingProtocol protocol(ComponentUse use, DataSpec data, String where) {
            ResolvedComponent component = component(ComponentKind.PROTOCOL, use, where);
            if (component == null) {
                return null;
            }
            try {
                MissingProtocol protocol = ((ProtocolFactory) component.component().factory())
                        .create(component.parameters(), data);
                protocolComponents.put(protocol, component);
                return protocol;
            } catch (IllegalArgumentException e) {
                problems.add(use.origin(), where + ": protocol '" + component.component().name() + "': "
                        + e.getMessage());
                return null;
            }
        }

        /**
         * The parts of the model an optimizer group can name, as {@code describe} counts them: the slots, the
         * pipeline's own parameters, each shared component, the debiaser and each objective.
         */
        private Set<String> parts(Set<String> slots, boolean debiaser, List<ResolvedObjective> objectives) {
            Set<String> parts = new LinkedHashSet<>(slots);
            parts.add(BuiltModel.PIPELINE_PART);
            shared.keySet().forEach(name -> parts.add(BuiltModel.SHARED_PART + name));
            if (debiaser) {
                parts.add(BuiltModel.DEBIASER_PART);
            }
            objectives.forEach(objective -> parts.add(BuiltModel.OBJECTIVE_PART + objective.name()));
            return parts;
        }

        /**
         * @param pipeline   the resolved pipeline, or null when it failed (reported already)
         * @param parts      what an optimizer group can name
         * @param partsKnown whether {@code parts} is complete (the pipeline, every objective and the debiaser
         *                   resolved), so that a name outside it is unknown rather than a follow-on of an error
         *                   already reported
         */
        private TrainSettings train(ResolvedComponent pipeline, Set<String> slots, Set<String> parts,
                                    boolean partsKnown, List<ResolvedObjective> objectives, DataChoice data) {
            MetricFamily family = data == null ? null : data.metrics();
            TrainBlock block = assembly.train();
            Parameters train = check(block.settings(), SettingsSchemas.TRAIN, "train");
            Parameters optimizer = check(block.optimizer(), SettingsSchemas.OPTIMIZER, "train.optimizer");
            List<OptimizerGroup> groups = optimizerGroups(optimizer == null
                    ? Parameters.defaults(SettingsSchemas.OPTIMIZER) : optimizer, parts, partsKnown);
            if (train != null && optimizer != null) {
                checkAccumulation(optimizer.integer("accumulate"), train, data);
            }
            YamlNode split = block.select().values().get("on");
            if (split != null && !"valid".equals(split.toPlain())) {
                problems.add(split.origin(), "train.select: 'on: "
                        + Fragment.of(String.valueOf(split.toPlain())) + "' is refused: checkpoints "
                        + "are selected on the validation split (on: valid); the test split is read once, for the "
                        + "final report, and never tunes anything");
            }
            Parameters select = split != null && !"valid".equals(split.toPlain()) ? null
                    : check(block.select(), SettingsSchemas.SELECT, "train.select");
            String metric = select == null ? null : select.string("metric");
            if (metric != null && family != null && !family.reports(metric)) {
                YamlNode node = block.select().values().get("metric");
                problems.add(node == null ? block.select().origin() : node.origin(), "train.select: "
                        + unreported(metric, family));
            }
            List<Stage> stages = new ArrayList<>();
            Set<String> objectiveNames = new LinkedHashSet<>();
            objectives.forEach(o -> objectiveNames.add(o.name()));
            for (Settings stageSettings : block.stages()) {
                Parameters stage = check(stageSettings, SettingsSchemas.STAGE, "train.stages");
                if (stage == null) {
                    continue;
                }
                for (String slot : stage.strings("frozen")) {
                    if (!slots.isEmpty() && !slots.contains(slot)) {
                        problems.add(stageSettings.origin(), "train.stages: no slot " + Fragment.quote(slot) + " to freeze; slots: "
                                + String.join(", ", slots));
                    }
                }
                for (String objective : stage.strings("objectives")) {
                    if (objectiveNames.size() == assembly.objectives().size() && !objectiveNames.contains(objective)) {
                        problems.add(stageSettings.origin(), "train.stages: no objective "
                                + Fragment.quote(objective) + "; objectives: " + String.join(", ", objectiveNames));
                    }
                }
                stages.add(new Stage(stage.string("name"), stage.integer("epochs"), stage.strings("frozen"),
                        stage.strings("objectives")));
            }
            if (train == null || optimizer == null || select == null) {
                return null;
            }
            if (block.stages().isEmpty()) {
                stages.addAll(plannedStages(pipeline, train.integer("epochs"), objectives, partsKnown));
            }
            return new TrainSettings(train.integer("batch"), train.integer("eval-batch"),
                    train.integer("eval-memory"), train.integer("eval-workers"), train.integer("patience"),
                    Update.fromId(train.string("update")), optimizer, groups, metric, stages,
                    select.string("test").equals("deferred"), select.reals("median-curve"),
                    select.integer("median-from"));
        }

        /**
         * The stages of an assembly that lists none: the pipeline's proposed schedule ({@link PipelineFactory#stages}),
         * each stage {@code epochs} long with the objectives whose taps it reads, or else one stage that trains
         * everything. An objective that no planned stage reads is refused: it would never train.
         */
        private List<Stage> plannedStages(ResolvedComponent pipeline, int epochs, List<ResolvedObjective> objectives,
                                          boolean objectivesKnown) {
            List<StagePlan> plans = pipeline == null ? List.of()
                    : ((PipelineFactory) pipeline.component().factory()).stages(pipeline.parameters());
            if (plans.isEmpty()) {
                return List.of(new Stage("train", epochs, List.of(), List.of()));
            }
            List<Stage> stages = new ArrayList<>();
            Set<String> planned = new HashSet<>();
            for (StagePlan plan : plans) {
                List<String> trained = objectives.stream()
                        .filter(o -> o.objective().taps().stream().allMatch(plan::reads))
                        .map(ResolvedObjective::name).toList();
                planned.addAll(trained);
                stages.add(new Stage(plan.name(), epochs, plan.frozen(), trained));
            }
            for (int i = 0; objectivesKnown && i < objectives.size(); i++) {
                ResolvedObjective objective = objectives.get(i);
                if (!planned.contains(objective.name())) {
                    problems.add(assembly.objectives().get(i).component().origin(), "objective '" + objective.name()
                            + "' reads " + new TreeSet<>(objective.objective().taps()) + ", which no stage of pipeline '"
                            + pipeline.component().name() + "' trains (" + describe(plans) + "); it would never "
                            + "train: point it at a tap a stage reads, or list train.stages yourself");
                }
            }
            return stages;
        }

        private static String describe(List<StagePlan> plans) {
            return plans.stream().map(p -> "'" + p.name() + "' reads " + String.join(", ", p.reads()))
                    .collect(Collectors.joining("; "));
        }

        /** The groups of {@code train.optimizer.groups}, each part in one group at most. */
        private List<OptimizerGroup> optimizerGroups(Parameters optimizer, Set<String> parts, boolean partsKnown) {
            ParameterSchema schema = SettingsSchemas.optimizerGroup(optimizer.real("lr"),
                    optimizer.real("weight-decay"));
            List<OptimizerGroup> groups = new ArrayList<>();
            Map<String, Integer> groupOf = new HashMap<>();
            List<Settings> entries = assembly.train().optimizerGroups();
            for (int i = 0; i < entries.size(); i++) {
                String where = "train.optimizer.groups[" + i + "]";
                Parameters group = check(entries.get(i), schema, where);
                if (group == null) {
                    continue;
                }
                Origin at = entries.get(i).values().get("slots").origin();
                List<String> named = group.strings("slots");
                if (named.isEmpty()) {
                    problems.add(at, where + ".slots: empty; name the parts the group trains, e.g. 'slots: [text]'");
                }
                for (String part : named) {
                    Integer first = groupOf.putIfAbsent(part, i);
                    if (partsKnown && !parts.contains(part)) {
                        problems.add(at, where + ".slots: " + AssemblyParser.unknownKey("part", part, parts));
                    } else if (first != null) {
                        problems.add(at, where + ".slots: " + Fragment.quote(part) + " is already in "
                                + (first == i ? "this group" : "train.optimizer.groups[" + first + "]")
                                + "; each parameter belongs to exactly one group");
                    }
                }
                groups.add(new OptimizerGroup(named, group.real("lr"), group.real("weight-decay"),
                        group.strings("no-decay").stream().map(NoDecay::fromId).collect(Collectors.toSet())));
            }
            return groups;
        }

        /**
         * Refuses gradient accumulation where it cannot apply: with per-view updates (two steps per batch), or over
         * more batches than an epoch has (no step would ever be taken).
         */
        private void checkAccumulation(int accumulate, Parameters train, DataChoice data) {
            if (accumulate == 1) {
                return;
            }
            YamlNode node = assembly.train().optimizer().values().get("accumulate");
            Origin at = node == null ? assembly.train().optimizer().origin() : node.origin();
            if (Update.fromId(train.string("update")) == Update.PER_VIEW) {
                problems.add(at, "train.optimizer.accumulate: " + accumulate + " cannot apply with 'update: "
                        + "per-view', which takes two optimizer steps per batch; use 'update: combined' or "
                        + "'accumulate: 1'");
                return;
            }
            if (data != null) {
                int samples = data.dataset().split(Dataset.TRAIN).size();
                int batch = train.integer("batch");
                int batches = (samples + batch - 1) / batch;
                if (accumulate > batches) {
                    problems.add(at, "train.optimizer.accumulate: " + accumulate + " batches per step, but an epoch "
                            + "has " + batches + " (" + samples + " training samples in batches of " + batch
                            + "), so no step would ever be taken");
                }
            }
        }

        private Parameters check(Settings settings, ParameterSchema schema, String block) {
            try {
                return settings.check(schema, block);
            } catch (AssemblyException e) {
                problems.addAll(e);
                return null;
            }
        }

        /** Binds {@code use} to an installed component of {@code kind} and checks its parameters. */
        private ResolvedComponent component(ComponentKind kind, ComponentUse use, String where) {
            RegisteredComponent component;
            try {
                component = registry.resolve(kind, use.ref(), use.bundle());
            } catch (UnknownComponentException e) {
                problems.add(use.origin(), where + ": " + e.getMessage());
                return null;
            }
            try {
                return new ResolvedComponent(use, component,
                        Parameters.of(component.factory().parameters(), use.parameters()));
            } catch (ParameterException e) {
                String hint = component.factory().parameters().find(e.parameter()).map(this::expectation)
                        .orElse("");
                problems.add(use.originOf(e.parameter()), where + ": " + kind.id() + " '" + component.name()
                        + "' " + e.getMessage() + hint);
                return null;
            }
        }

        private String expectation(ParameterSpec spec) {
            return " (" + spec.name() + ": " + spec.type().id() + spec.constraint().map(c -> " " + c).orElse("")
                    + ")";
        }
    }
}
