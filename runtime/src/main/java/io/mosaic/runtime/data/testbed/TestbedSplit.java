package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;

/** One split of a {@link Testbed}: each sample is generated on demand and nothing is cached. */
public final class TestbedSplit implements Split {

    private final String name;
    private final int ordinal;
    private final int size;
    private final SampleGenerator generator;

    TestbedSplit(String name, int ordinal, int size, SampleGenerator generator) {
        this.name = name;
        this.ordinal = ordinal;
        this.size = size;
        this.generator = generator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Sample sample(int index) {
        return planted(index).sample();
    }

    /** The sample at {@code index} with its hidden structure. */
    public PlantedSample planted(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + size + ") of split "
                    + name);
        }
        return generator.generate(name, ordinal, index);
    }
}
