package io.mosaic.runtime.data;

import java.util.function.UnaryOperator;

/** One split of a dataset: random access to its samples, each computed or read on demand. */
public interface Split {

    String name();

    int size();

    /** The sample at {@code index} in [0, size()); the same index always gives the same sample. */
    Sample sample(int index);

    /** This split with {@code change} applied to each sample as it is read: the same name and size. */
    default Split mapped(UnaryOperator<Sample> change) {
        Split original = this;
        return new Split() {
            @Override
            public String name() {
                return original.name();
            }

            @Override
            public int size() {
                return original.size();
            }

            @Override
            public Sample sample(int index) {
                return change.apply(original.sample(index));
            }
        };
    }
}
