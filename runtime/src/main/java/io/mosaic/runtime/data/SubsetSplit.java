package io.mosaic.runtime.data;

/** Some samples of another split, in a given order: e.g. the samples of one domain of a test split. */
public final class SubsetSplit implements Split {
    private final String name;
    private final Split split;
    private final int[] indices;

    /** @param indices indices of {@code split}'s samples */
    public SubsetSplit(String name, Split split, int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= split.size()) {
                throw new IllegalArgumentException("sample index " + index + " is outside [0, " + split.size()
                        + ") of split " + split.name());
            }
        }
        this.name = name;
        this.split = split;
        this.indices = indices.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Sample sample(int index) {
        if (index < 0 || index >= indices.length) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + indices.length
                    + ") of split " + name);
        }
        return split.sample(indices[index]);
    }
}
