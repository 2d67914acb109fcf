package io.mosaic.runtime.train;

import io.mosaic.api.objective.SampleTable;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.runtime.run.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-sample tables that stateful objectives publish after each epoch (ULGM's generated labels, say), written to
 * {@code objectives/<name>/epoch-NNN.csv} of the run folder: a header {@code id,<columns>}, then one row per sample
 * with its values as Java prints a double (exact, so a table can be compared bit for bit).
 */
final class ObjectiveTables {

    private ObjectiveTables() {
    }

    static void write(RunFolder folder, Map<String, StatefulObjective> objectives, int epoch) {
        objectives.forEach((name, objective) -> objective.published().ifPresent(table ->
                folder.writeCsv(RunFolder.objectiveTable(name, epoch), rows(table))));
    }

    static List<List<String>> rows(SampleTable table) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("id"));
        header.addAll(table.columns());
        rows.add(header);
        table.rows().forEach((id, values) -> {
            List<String> row = new ArrayList<>(List.of(id));
            values.forEach(value -> row.add(Double.toString(value)));
            rows.add(row);
        });
        return rows;
    }
}
