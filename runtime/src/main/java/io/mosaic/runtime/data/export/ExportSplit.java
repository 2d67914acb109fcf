package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.Split;
import java.util.List;

/**
 * One split as a file holds it: its samples and the columns each sample gives a row of.
 *
 * @param name    the split's name in the file
 * @param split   the samples
 * @param columns the arrays, in file order
 */
record ExportSplit(String name, Split split, List<Column> columns) {

    ExportSplit {
        columns = List.copyOf(columns);
    }

    int rows() {
        return split.size();
    }

    /** The payload bytes of {@code column}'s array: one row per sample. */
    long payloadBytes(Column column) {
        return rows() * column.rowBytes();
    }
}
