package io.mosaic.runtime.compare;

import io.mosaic.runtime.assembly.ResolvedAssembly;
import java.util.Collections;
import java.util.Map;
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
     * Checks that every assembly of {@code byAssembly} (in order; the first is the reference) reads the reference's
     * data.
     *
     * @throws IllegalArgumentException naming the first assembly whose data differ, and both data
     */
    public static void requireSame(Map<String, DataIdentity> byAssembly) {
        Map.Entry<String, DataIdentity> reference = byAssembly.entrySet().iterator().next();
        byAssembly.forEach((assembly, data) -> {
            if (!data.equals(reference.getValue())) {
                throw new IllegalArgumentException("assemblies compared must read the same data: '" + assembly
                        + "' reads " + data.describe() + ", but '" + reference.getKey() + "' reads "
                        + reference.getValue().describe() + "; align them with --set data.KEY=VALUE");
            }
        });
    }

    /** {@code source {parameters} task <task>, <metrics> metrics}, parameters in name order. */
    public String describe() {
        return source + " " + parameters + " task " + task + ", " + metrics + " metrics";
    }
}
