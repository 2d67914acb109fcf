package io.mosaic.runtime.data;

import java.util.List;

/** A split made of other splits' samples, one split after another: e.g. the train splits of several files. */
public final class ConcatenatedSplit implements Split {
    private final String name;
    private final List<Split> parts;
    /** starts[p]: the index of part p's first sample; starts[parts] is the size. */
    private final int[] starts;

    public ConcatenatedSplit(String name, List<? extends Split> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("split " + name + " needs at least one part");
        }
        this.name = name;
        this.parts = List.copyOf(parts);
        this.starts = new int[parts.size() + 1];
        for (int p = 0; p < parts.size(); p++) {
            starts[p + 1] = Math.addExact(starts[p], parts.get(p).size());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return starts[parts.size()];
    }

    @Override
    public Sample sample(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + size() + ") of split "
                    + name);
        }
        int part = 0;
        while (index >= starts[part + 1]) {
            part++;
        }
        return parts.get(part).sample(index - starts[part]);
    }
}
