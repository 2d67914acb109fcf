package io.mosaic.runtime.assembly;

import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlList;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlScalar;
import io.mosaic.runtime.registry.ComponentRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Reads the structure of an assembly: the top-level keys, the shape of each block, and every {@code use:} entry. It
 * reports every problem it finds, each at its line. Whether the named components exist and accept their
 * parameters is {@link AssemblyResolver}'s job.
 */
final class AssemblyParser {
    static final Set<String> TOP_LEVEL = Set.of("name", "description", "extends", "pipeline", "seed", "data",
            "shared", "components", "objectives", "debiasers", "train", "evaluate", "backend");
    /** The key of a slot's reference to a shared component: {@code { shared: invariant }}. */
    static final String SHARED = "shared";
    private static final Set<String> TRAIN_BLOCKS = Set.of("optimizer", "select", "stages", "views");
    /** The key of the optimizer's parameter groups, a list of blocks inside {@code train.optimizer}. */
    private static final String OPTIMIZER_GROUPS = "groups";
    /** The keys of an objective entry that are not the component's parameters. */
    static final Set<String> OBJECTIVE_KEYS = Set.of("weight", "view");
    /** The keys of a training view entry that are not the protocol's parameters. */
    static final Set<String> VIEW_KEYS = Set.of("rate");
    /** The keys of a sweep entry that are not the protocol's parameters. */
    static final Set<String> SWEEP_KEYS = Set.of("rates");
    private static final long DEFAULT_SEED = 1111;
    /** What a component's name can be; anything else is reported here, quoted as a short fragment. */
    private static final Pattern COMPONENT_NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");

    private final Problems problems = new Problems();

    private AssemblyParser() {
    }

    /** Parses a merged assembly document read from {@code source}. */
    static Assembly parse(YamlNode root, String source) {
        return new AssemblyParser().assembly(root, source);
    }

    private Assembly assembly(YamlNode root, String source) {
        if (!(root instanceof YamlMap top)) {
            throw new AssemblyException(root.origin(), "not an assembly: an assembly is a YAML mapping of keys "
                    + "such as name, pipeline, data, components; this file holds " + root.kind());
        }
        for (Map.Entry<String, YamlNode> entry : top.entries().entrySet()) {
            if (!TOP_LEVEL.contains(entry.getKey())) {
                problems.add(entry.getValue().origin(), unknownKey("top-level key", entry.getKey(), TOP_LEVEL));
            }
        }
        String name = top.get("name").map(n -> string(n, "name"))
                .orElseGet(() -> missing(top, "name", "itself, e.g. 'name: my-baseline'"));
        String description = top.get("description").map(n -> string(n, "description")).orElse("");
        ComponentUse pipeline = top.get("pipeline").map(n -> use(n, "pipeline", Set.of()))
                .orElseGet(() -> missing(top, "pipeline", "the pipeline, e.g. 'pipeline: baseline'"));
        long seed = top.get("seed").map(this::seed).orElse(DEFAULT_SEED);
        Settings data = top.get("data").map(n -> settings(n, "data"))
                .orElseGet(() -> missing(top, "data", "the data block, e.g. 'data: { source: testbed }'"));
        Map<String, ComponentUse> shared = top.get(SHARED).map(this::shared).orElse(Map.of());
        Map<String, SlotFill> components = top.get("components").map(n -> components(n, shared)).orElse(Map.of());
        List<Entry> objectives = top.get("objectives").map(this::objectives).orElse(List.of());
        List<ComponentUse> debiasers = top.get("debiasers").map(this::debiasers).orElse(List.of());
        TrainBlock train = train(top.get("train"), top.origin());
        EvaluateBlock evaluate = evaluate(top.get("evaluate"), top.origin());
        Settings backend = top.get("backend").map(n -> settings(n, "backend"))
                .orElse(Settings.absent(top.origin()));
        problems.throwIfAny();
        return new Assembly(name, description, source, top.origin(), pipeline, seed, data, shared, components,
                objectives,
                debiasers, train, evaluate, backend);
    }

    /** The {@code shared:} block: a component entry per name, which slots use by {@code { shared: name }}. */
    private Map<String, ComponentUse> shared(YamlNode node) {
        Map<String, ComponentUse> shared = new LinkedHashMap<>();
        if (!(node instanceof YamlMap map)) {
            problems.add(node.origin(), "shared: expected a mapping of names to components, e.g. 'shared: { invariant: "
                    + "{ use: pointwise-projection, dim: 128 } }', found " + node.describe());
            return shared;
        }
        map.entries().forEach((name, value) -> {
            String where = "shared." + Fragment.of(name);
            if (!COMPONENT_NAME.matcher(name).matches()) {
                problems.add(value.origin(), "shared: expected a name (up to 64 letters, digits, '.', '_' or '-'), "
                        + "found " + Fragment.quote(name));
            } else if (value instanceof YamlMap entry && entry.get(SHARED).isPresent()) {
                problems.add(value.origin(), where + ": a shared component is defined here with 'use:', not by "
                        + "referring to another");
            } else {
                shared.put(name, use(value, where, Set.of()));
            }
        });
        return shared;
    }

    private Map<String, SlotFill> components(YamlNode node, Map<String, ComponentUse> shared) {
        Map<String, SlotFill> slots = new LinkedHashMap<>();
        if (!(node instanceof YamlMap map)) {
            problems.add(node.origin(), "components: expected a mapping of slot names to components, found "
                    + node.describe());
            return slots;
        }
        map.entries().forEach((slot, value) -> {
            String where = "components." + Fragment.of(slot);
            if (value instanceof YamlList list) {
                List<ComponentUse> uses = new ArrayList<>();
                for (YamlNode item : list.items()) {
                    uses.add(slotEntry(item, where, shared));
                }
                if (uses.isEmpty()) {
                    problems.add(value.origin(), where + ": the list is empty");
                }
                slots.put(slot, new SlotFill(slot, uses, true, value.origin()));
            } else {
                slots.put(slot, new SlotFill(slot, List.of(slotEntry(value, where, shared)), false, value.origin()));
            }
        });
        return slots;
    }

    /** A slot's entry: a component written in place, or {@code { shared: name }}, a reference to a shared one. */
    private ComponentUse slotEntry(YamlNode node, String where, Map<String, ComponentUse> shared) {
        if (!(node instanceof YamlMap map) || map.get(SHARED).isEmpty()) {
            return use(node, where, Set.of());
        }
        YamlNode nameNode = map.get(SHARED).get();
        List<String> others = map.entries().keySet().stream().filter(key -> !key.equals(SHARED)).toList();
        if (!others.isEmpty()) {
            problems.add(map.origin(), where + ": a reference to a shared component takes nothing beside 'shared' ("
                    + String.join(", ", others.stream().limit(5).map(Fragment::quote).toList())
                    + (others.size() > 5 ? ", ..." : "") + "); set its parameters under 'shared:', where it is "
                    + "defined");
            return placeholder(map.origin());
        }
        if (!(nameNode instanceof YamlScalar scalar && scalar.value() instanceof String name)) {
            problems.add(nameNode.origin(), where + ".shared: expected the name of a shared component, found "
                    + nameNode.describe());
            return placeholder(map.origin());
        }
        ComponentUse definition = shared.get(name);
        if (definition == null) {
            problems.add(nameNode.origin(), where + ": no shared component " + Fragment.quote(name) + "; "
                    + (shared.isEmpty() ? "the assembly defines none (define it under 'shared:')"
                    : "shared: " + listed(shared.keySet())));
            return placeholder(map.origin());
        }
        return definition.referencedAs(name, map.origin());
    }

    private List<ComponentUse> debiasers(YamlNode node) {
        List<ComponentUse> debiasers = new ArrayList<>();
        if (!(node instanceof YamlList list)) {
            problems.add(node.origin(), "debiasers: expected a list such as '- { use: counterfactual-text }', found "
                    + node.describe());
            return debiasers;
        }
        list.items().forEach(item -> debiasers.add(use(item, "debiasers", Set.of())));
        if (debiasers.size() > 1) {
            problems.add(node.origin(), "debiasers: at most one debiaser per assembly (each has a strength tuned on "
                    + "the validation split, and their combination is not defined); found " + debiasers.size());
        }
        return debiasers;
    }

    private List<Entry> objectives(YamlNode node) {
        List<Entry> objectives = new ArrayList<>();
        if (!(node instanceof YamlList list)) {
            problems.add(node.origin(), "objectives: expected a list such as '- { use: l1 }', found "
                    + node.describe());
            return objectives;
        }
        list.items().forEach(item -> objectives.add(entry(item, "objectives", OBJECTIVE_KEYS)));
        return objectives;
    }

    private EvaluateBlock evaluate(Optional<YamlNode> node, Origin fallback) {
        if (node.isEmpty()) {
            return new EvaluateBlock(List.of(), Settings.absent(fallback));
        }
        if (!(node.get() instanceof YamlMap map)) {
            problems.add(node.get().origin(), "evaluate: expected a mapping, found " + node.get().describe());
            return new EvaluateBlock(List.of(), Settings.absent(fallback));
        }
        List<Entry> sweeps = new ArrayList<>();
        map.get("sweeps").ifPresent(n -> {
            if (n instanceof YamlList list) {
                list.items().forEach(item -> sweeps.add(entry(item, "evaluate.sweeps", SWEEP_KEYS)));
            } else {
                problems.add(n.origin(), "evaluate.sweeps: expected a list such as '- { use: rmfm }', found "
                        + n.describe());
            }
        });
        Map<String, YamlNode> own = new LinkedHashMap<>(map.entries());
        own.remove("sweeps");
        return new EvaluateBlock(sweeps, new Settings(own, map.origin()));
    }

    private TrainBlock train(Optional<YamlNode> node, Origin fallback) {
        if (node.isEmpty()) {
            Settings none = Settings.absent(fallback);
            return new TrainBlock(none, none, List.of(), none, List.of(), Map.of());
        }
        if (!(node.get() instanceof YamlMap map)) {
            problems.add(node.get().origin(), "train: expected a mapping, found " + node.get().describe());
            Settings none = Settings.absent(fallback);
            return new TrainBlock(none, none, List.of(), none, List.of(), Map.of());
        }
        Map<String, YamlNode> own = new LinkedHashMap<>(map.entries());
        TRAIN_BLOCKS.forEach(own::remove);
        Settings settings = new Settings(own, map.origin());
        List<Settings> groups = new ArrayList<>();
        Settings optimizer = map.get("optimizer").map(n -> optimizer(n, groups))
                .orElse(Settings.absent(map.origin()));
        Settings select = map.get("select").map(n -> settings(n, "train.select"))
                .orElse(Settings.absent(map.origin()));
        List<Settings> stages = new ArrayList<>();
        map.get("stages").ifPresent(n -> {
            if (n instanceof YamlList list) {
                list.items().forEach(item -> stages.add(settings(item, "train.stages")));
            } else {
                problems.add(n.origin(), "train.stages: expected a list of stages, found " + n.describe());
            }
        });
        Map<String, Entry> views = new LinkedHashMap<>();
        map.get("views").ifPresent(n -> {
            if (n instanceof YamlMap viewMap) {
                viewMap.entries().forEach((name, item) -> {
                    if (name.equals(Views.CLEAN)) {
                        problems.add(item.origin(), "train.views: 'clean' is the batch as loaded; name the view "
                                + "something else, e.g. 'missing'");
                    }
                    views.put(name, entry(item, "train.views." + Fragment.of(name), VIEW_KEYS));
                });
            } else {
                problems.add(n.origin(), "train.views: expected a mapping of view names to protocols, e.g. "
                        + "'views: { missing: { use: rmfm } }', found " + n.describe());
            }
        });
        return new TrainBlock(settings, optimizer, groups, select, stages, views);
    }

    /** The optimizer's own settings; its {@code groups:} entries go to {@code groups}. */
    private Settings optimizer(YamlNode node, List<Settings> groups) {
        Settings optimizer = settings(node, "train.optimizer");
        YamlNode listed = optimizer.values().get(OPTIMIZER_GROUPS);
        if (listed == null) {
            return optimizer;
        }
        if (listed instanceof YamlList list) {
            list.items().forEach(item -> groups.add(settings(item, "train.optimizer.groups")));
        } else {
            problems.add(listed.origin(), "train.optimizer.groups: expected a list of groups, e.g. "
                    + "'- { slots: [text], lr: 5.0e-5 }', found " + listed.describe());
        }
        Map<String, YamlNode> own = new LinkedHashMap<>(optimizer.values());
        own.remove(OPTIMIZER_GROUPS);
        return new Settings(own, optimizer.origin());
    }

    /** An entry whose {@code extraKeys} are its own settings and whose other keys are the component's parameters. */
    private Entry entry(YamlNode node, String where, Set<String> extraKeys) {
        ComponentUse use = use(node, where, extraKeys);
        Map<String, YamlNode> extras = new LinkedHashMap<>();
        if (node instanceof YamlMap map) {
            map.entries().forEach((key, value) -> {
                if (extraKeys.contains(key)) {
                    extras.put(key, value);
                }
            });
        }
        return new Entry(use, new Settings(extras, node.origin()));
    }

    /**
     * A {@code use:} entry: either a bare name ({@code gru}) or a mapping with {@code use}, an optional
     * {@code bundle}, the parameters, and the entry's own {@code extraKeys} (not parameters).
     */
    private ComponentUse use(YamlNode node, String where, Set<String> extraKeys) {
        if (node instanceof YamlScalar scalar && scalar.value() instanceof String name) {
            return new ComponentUse(ref(name, node.origin(), where), Optional.empty(), Map.of(), Map.of(),
                    node.origin());
        }
        if (!(node instanceof YamlMap map)) {
            problems.add(node.origin(), where + ": expected a component name or a mapping with 'use', found "
                    + node.describe());
            return placeholder(node.origin());
        }
        Optional<YamlNode> useNode = map.get("use");
        if (useNode.isEmpty()) {
            problems.add(map.origin(), where + ": missing 'use: <component name>'");
            return placeholder(map.origin());
        }
        ComponentRef ref = ref(string(useNode.get(), where + ".use"), useNode.get().origin(), where);
        Optional<String> bundle = map.get("bundle").map(n -> string(n, where + ".bundle"));
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        map.entries().forEach((key, value) -> {
            boolean reserved = key.equals("use") || key.equals("bundle") || extraKeys.contains(key);
            if (!reserved) {
                parameters.put(key, value.toPlain());
                origins.put(key, value.origin());
            }
        });
        return new ComponentUse(ref, bundle, parameters, origins, map.origin());
    }

    private ComponentRef ref(String text, Origin origin, String where) {
        String name = text.substring(0, text.indexOf('@') < 0 ? text.length() : text.indexOf('@')).trim();
        if (!COMPONENT_NAME.matcher(name).matches()) {
            problems.add(origin, where + ": expected a component name (up to 64 letters, digits, '.', '_' or '-'), "
                    + "found " + Fragment.quote(text));
            return ComponentRef.parse("?");
        }
        try {
            return ComponentRef.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(origin, where + ": " + e.getMessage());
            return ComponentRef.parse(text.substring(0, Math.max(0, text.indexOf('@'))));
        }
    }

    /** Stands in for an entry already reported as malformed, so that parsing can go on and report the rest. */
    private static ComponentUse placeholder(Origin origin) {
        return new ComponentUse(ComponentRef.parse("?"), Optional.empty(), Map.of(), Map.of(), origin);
    }

    private Settings settings(YamlNode node, String where) {
        if (node instanceof YamlMap map) {
            return Settings.of(map);
        }
        problems.add(node.origin(), where + ": expected a mapping, found " + node.describe());
        return Settings.absent(node.origin());
    }

    private long seed(YamlNode node) {
        if (node instanceof YamlScalar s && s.value() instanceof Long value) {
            return value;
        }
        problems.add(node.origin(), "seed: expected an integer, found " + node.describe());
        return DEFAULT_SEED;
    }

    private String string(YamlNode node, String where) {
        if (node instanceof YamlScalar s && s.value() instanceof String text && !text.isBlank()) {
            return text;
        }
        problems.add(node.origin(), where + ": expected a string, found " + node.describe());
        return "?";
    }

    private <T> T missing(YamlMap map, String key, String what) {
        problems.add(map.origin(), "missing '" + key + "': the assembly must name " + what);
        return null;
    }

    /** {@code names} joined by commas, the first twenty of them (each a checked name, so short). */
    static String listed(Collection<String> names) {
        int shown = 20;
        return String.join(", ", names.stream().limit(shown).toList()) + (names.size() > shown ? ", ... ("
                + names.size() + " in all)" : "");
    }

    static String unknownKey(String what, String key, Set<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        Optional<String> close = known.stream().filter(k -> distance.apply(k, key) <= 2)
                .min((a, b) -> distance.apply(a, key) - distance.apply(b, key));
        return "unknown " + what + " " + Fragment.quote(key)
                + close.map(c -> "; did you mean '" + c + "'?").orElse(".")
                + " Known: " + String.join(", ", known.stream().sorted().toList()) + ".";
    }
}
