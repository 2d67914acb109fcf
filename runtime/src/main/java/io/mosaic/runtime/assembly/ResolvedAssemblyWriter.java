package io.mosaic.runtime.assembly;

import io.mosaic.runtime.registry.ComponentRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a resolved assembly as an assembly file: every default filled in, every component pinned to the exact
 * version of the bundle that provided it ({@code use: gru@=1.2.0}). Running the written file again builds the same
 * model. Values the model shares are written out at each place, never as YAML anchors and aliases.
 */
public final class ResolvedAssemblyWriter {

    private ResolvedAssemblyWriter() {
    }

    /** The resolved assembly as a file, with a comment that says where it was resolved from. */
    public static String toYaml(ResolvedAssembly resolved) {
        return "# Resolved from " + resolved.assembly().source() + ": every default filled in, every component "
                + "pinned to the bundle version that ran.\n" + body(resolved);
    }

    /** The resolved assembly alone: two runs of the same model give the same text, wherever the file was. */
    public static String body(ResolvedAssembly resolved) {
        return dump(toMap(resolved, true));
    }

    /**
     * The body with every component named without its version: what two resolutions of one assembly share whichever
     * versions of its components are installed.
     */
    public static String unpinnedBody(ResolvedAssembly resolved) {
        return dump(toMap(resolved, false));
    }

    /** A setting whose value differs between two resolved assemblies. */
    public record Difference(String key, Object first, Object second) {
    }

    /**
     * Every setting whose value differs between two resolved assemblies, component versions aside, in the order of
     * the file: each named by its dotted key, with an index for an entry of a list of blocks
     * ({@code train.stages[0].epochs}, {@code components.text[1].hidden}); a value that one of them lacks is
     * {@code null}.
     */
    public static List<Difference> differences(ResolvedAssembly first, ResolvedAssembly second) {
        Map<String, Object> a = new LinkedHashMap<>();
        Map<String, Object> b = new LinkedHashMap<>();
        flatten("", toMap(first, false), a);
        flatten("", toMap(second, false), b);
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(key -> !Objects.equals(a.get(key), b.get(key)))
                .map(key -> new Difference(key, a.get(key), b.get(key))).toList();
    }

    private static void flatten(String key, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, item) -> flatten(key.isEmpty() ? name.toString() : key + "." + name, item, into));
        } else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(key + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(key, value);
        }
    }

    /** The body of a file that {@link #toYaml} wrote: the text after its first line, the comment. */
    public static String bodyOf(String file) {
        if (!file.startsWith("#") || file.indexOf('\n') < 0) {
            throw new IllegalArgumentException("expected a resolved assembly file, which starts with a comment line; "
                    + "found '" + file.lines().findFirst().orElse("") + "'");
        }
        return file.substring(file.indexOf('\n') + 1);
    }

    private static String dump(Map<String, Object> map) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        options.setDereferenceAliases(true);
        return new Yaml(options).dump(map);
    }

    /** @param pinned whether each {@code use:} names its component's exact version */
    private static Map<String, Object> toMap(ResolvedAssembly resolved, boolean pinned) {
        Assembly assembly = resolved.assembly();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", assembly.name());
        if (!assembly.description().isEmpty()) {
            root.put("description", assembly.description());
        }
        root.put("seed", assembly.seed());
        root.put("pipeline", entry(resolved.pipeline(), pinned));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", resolved.dataSource().name());
        data.put("task", resolved.dataSpec().task().toString());
        data.put("seed", resolved.dataSeed());
        if (resolved.dataSpec().task().isRegression()) {
            data.put("metrics", resolved.metrics().id());
        }
        data.putAll(resolved.dataParameters().asMap());
        root.put("data", data);
        if (!resolved.shared().isEmpty()) {
            Map<String, Object> shared = new LinkedHashMap<>();
            resolved.shared().forEach((name, component) -> shared.put(name, entry(component, pinned)));
            root.put(AssemblyParser.SHARED, shared);
        }
        Map<String, Object> components = new LinkedHashMap<>();
        resolved.slots().forEach((slot, list) -> {
            boolean listed = assembly.components().get(slot).listed();
            components.put(slot, listed ? list.stream().map(c -> slotEntry(c, pinned)).toList()
                    : slotEntry(list.get(0), pinned));
        });
        root.put("components", components);
        List<Object> objectives = new ArrayList<>();
        for (ResolvedObjective objective : resolved.objectives()) {
            Map<String, Object> entry = entry(objective.component(), pinned);
            entry.put("weight", objective.weight());
            entry.put("view", objective.view());
            objectives.add(entry);
        }
        root.put("objectives", objectives);
        resolved.debiaser().ifPresent(d -> root.put("debiasers", List.of(entry(d, pinned))));
        Map<String, Object> train = train(resolved.train());
        if (!resolved.views().isEmpty()) {
            Map<String, Object> views = new LinkedHashMap<>();
            resolved.views().forEach((name, view) -> {
                Map<String, Object> entry = entry(view.component(), pinned);
                entry.put("rate", view.rate().orElse(-1.0));
                views.put(name, entry);
            });
            train.put("views", views);
        }
        root.put("train", train);
        if (!resolved.sweeps().isEmpty() || !resolved.sweepMetrics().isEmpty()) {
            Map<String, Object> evaluate = new LinkedHashMap<>();
            List<Object> sweeps = new ArrayList<>();
            for (ResolvedSweep sweep : resolved.sweeps()) {
                Map<String, Object> entry = entry(sweep.component(), pinned);
                entry.put("rates", sweep.rates());
                sweeps.add(entry);
            }
            evaluate.put("sweeps", sweeps);
            evaluate.put("metrics", resolved.sweepMetrics());
            root.put("evaluate", evaluate);
        }
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("engine", "pytorch");
        backend.put("device", resolved.device());
        backend.put("threads", resolved.threads());
        root.put("backend", backend);
        return root;
    }

    private static Map<String, Object> train(TrainSettings train) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batch", train.batch());
        map.put("eval-batch", train.evalBatch());
        map.put("eval-memory", train.evalMemory());
        map.put("eval-workers", train.evalWorkers());
        map.put("patience", train.patience());
        map.put("update", train.update().id());
        Map<String, Object> optimizer = new LinkedHashMap<>(train.optimizer().asMap());
        List<Object> groups = new ArrayList<>();
        for (OptimizerGroup group : train.groups()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("slots", group.parts());
            g.put("lr", group.learningRate());
            g.put("weight-decay", group.weightDecay());
            g.put("no-decay", group.noDecay().stream().sorted().map(NoDecay::id).toList());
            groups.add(g);
        }
        optimizer.put("groups", groups);
        map.put("optimizer", optimizer);
        Map<String, Object> select = new LinkedHashMap<>();
        select.put("metric", train.selectionMetric());
        select.put("on", "valid");
        // Written only when set, so that the resolved files (and resume fingerprints) of other runs stay as they were.
        if (train.testDeferred()) {
            select.put("test", "deferred");
        }
        if (!train.medianCurve().isEmpty()) {
            select.put("median-curve", train.medianCurve());
            select.put("median-from", train.medianFrom());
        }
        map.put("select", select);
        List<Object> stages = new ArrayList<>();
        for (Stage stage : train.stages()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", stage.name());
            s.put("epochs", stage.epochs());
            s.put("frozen", stage.frozen());
            s.put("objectives", stage.objectives());
            stages.add(s);
        }
        map.put("stages", stages);
        return map;
    }

    /** A slot's entry: the component, or {@code { shared: name }} for a shared one (written once, under shared). */
    private static Map<String, Object> slotEntry(ResolvedComponent component, boolean pinned) {
        return component.use().shared().<Map<String, Object>>map(name -> {
            Map<String, Object> reference = new LinkedHashMap<>();
            reference.put(AssemblyParser.SHARED, name);
            return reference;
        }).orElseGet(() -> entry(component, pinned));
    }

    private static Map<String, Object> entry(ResolvedComponent component, boolean pinned) {
        Map<String, Object> map = new LinkedHashMap<>();
        String name = component.component().name();
        map.put("use", pinned ? ComponentRef.exact(name, component.component().bundleVersion()).toString() : name);
        map.put("bundle", component.component().bundle());
        map.putAll(component.parameters().asMap());
        return map;
    }
}
