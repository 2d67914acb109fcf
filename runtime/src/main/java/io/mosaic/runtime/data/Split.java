package io.mosaic.runtime.data;

/** One split of a dataset: random access to its samples, each computed or read on demand. */
public interface Split {

    String name();

    int size();

    /** The sample at {@code index} in [0, size()); the same index always gives the same sample. */
    Sample sample(int index);
}
