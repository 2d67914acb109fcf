package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.ArrayList;
import java.util.List;

/** A split of a feature dataset: the rows it takes from the file's splits, each sample read on demand. */
final class MmsaSplit implements Split {

    /** Row {@code row} of the file's split {@code split}. */
    record Row(FeatureSplit split, int row) {
    }

    private final String name;
    private final List<Row> rows;

    MmsaSplit(String name, List<Row> rows) {
        this.name = name;
        this.rows = List.copyOf(rows);
    }

    /** All rows of a file's split, in order, under the split's own name. */
    static MmsaSplit whole(FeatureSplit split) {
        List<Row> rows = new ArrayList<>(split.size());
        for (int row = 0; row < split.size(); row++) {
            rows.add(new Row(split, row));
        }
        return new MmsaSplit(split.name(), rows);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public Sample sample(int index) {
        if (index < 0 || index >= rows.size()) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + rows.size()
                    + ") of split " + name);
        }
        Row row = rows.get(index);
        return row.split().sample(row.row());
    }
}
