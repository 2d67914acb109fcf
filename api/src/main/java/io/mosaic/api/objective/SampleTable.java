package io.mosaic.api.objective;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values per sample: one row of named columns for each sample id, in a fixed order.
 *
 * @param columns the names of the columns, without the id's
 * @param rows    per sample id, its values, one per column
 */
public record SampleTable(List<String> columns, Map<String, List<Double>> rows) {

    /** @throws IllegalArgumentException when a row does not have one value per column */
    public SampleTable {
        columns = List.copyOf(columns);
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> row : rows.entrySet()) {
            if (row.getValue().size() != columns.size()) {
                throw new IllegalArgumentException("sample " + row.getKey() + " has " + row.getValue().size()
                        + " values for the " + columns.size() + " columns " + columns);
            }
            copy.put(row.getKey(), List.copyOf(row.getValue()));
        }
        rows = Collections.unmodifiableMap(copy);
    }
}
