package io.mosaic.runtime.compare;

import io.mosaic.api.data.Task;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What makes two assemblies' data the same data: the source, its resolved parameters (preset, file, ...), the task
 * and the metric family. The data seed is not part of it: a comparison sets it to the reference assembly's.
 */
public record DataIdentity(String source, Map<String, Object> parameters, String task, String metrics) {

    public DataIdentity {
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    public static DataIdentity of(ResolvedAssembly assembly) {
        return new DataIdentity(assembly.dataSource().name(), assembly.dataParameters().asMap(),
                assembly.dataSpec().task().toString(), assembly.metrics().id());
    }

    /**
     * The first assembly of {@code byAssembly} (in order; the first is the reference) whose data differ from the
     * reference's, with both data, in words; empty when every assembly reads the reference's data.
     */
    public static Optional<String> difference(Map<String, DataIdentity> byAssembly) {
        Map.Entry<String, DataIdentity> reference = byAssembly.entrySet().iterator().next();
        return byAssembly.entrySet().stream().filter(e -> !e.getValue().equals(reference.getValue())).findFirst()
                .map(e -> "assemblies compared must read the same data: '" + e.getKey() + "' reads "
                        + e.getValue().describe() + ", but '" + reference.getKey() + "' reads "
                        + reference.getValue().describe());
    }

    /**
     * The overrides ({@code data.KEY=VALUE}) under which an assembly that reads these data reads {@code target}'s
     * instead: the source first (another source replaces the whole data block), then each parameter, the task and,
     * for a regression, the metric family.
     */
    public List<String> settingsToRead(DataIdentity target) {
        List<String> settings = new ArrayList<>();
        if (!source.equals(target.source)) {
            settings.add("data.source=" + target.source);
        }
        target.parameters.forEach((key, value) -> {
            if (!source.equals(target.source) || !Objects.equals(parameters.get(key), value)) {
                settings.add("data." + key + "=" + value);
            }
        });
        if (!task.equals(target.task)) {
            settings.add("data.task=" + target.task);
        }
        if (!metrics.equals(target.metrics) && target.task.equals(Task.REGRESSION.toString())) {
            settings.add("data.metrics=" + target.metrics);
        }
        return settings;
    }

    /** {@code source {parameters} task <task>, <metrics> metrics}, parameters in name order. */
    public String describe() {
        return source + " " + parameters + " task " + task + ", " + metrics + " metrics";
    }
}
