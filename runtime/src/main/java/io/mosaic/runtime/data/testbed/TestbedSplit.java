package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.List;

/** One split of a {@link Testbed}: each sample is generated on demand, and kept when the testbed's samples fit. */
public final class TestbedSplit implements Split {

    private final String name;
    private final int ordinal;
    private final int size;
    private final List<Integer> domains;
    private final int[] domainIds;
    private final SampleGenerator generator;
    private final SampleCache cache;

    /**
     * @param domains the domains the split's samples are drawn from
     * @param keep    whether generated samples are kept
     */
    TestbedSplit(String name, int ordinal, int size, List<Integer> domains, SampleGenerator generator, boolean keep) {
        this.name = name;
        this.ordinal = ordinal;
        this.size = size;
        this.domains = List.copyOf(domains);
        this.domainIds = domains.stream().mapToInt(Integer::intValue).toArray();
        this.generator = generator;
        this.cache = keep ? SampleCache.keeping(size) : SampleCache.none();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return size;
    }

    /** The domains the split's samples are drawn from, each uniformly. */
    public List<Integer> domains() {
        return domains;
    }

    /** The id of the sample at {@code index}, without generating it: {@code <split>/<index>}. */
    public String id(int index) {
        requireIndex(index);
        return name + "/" + index;
    }

    /** The domain of the sample at {@code index}, without generating it. */
    public int domain(int index) {
        requireIndex(index);
        return generator.domain(ordinal, index, domainIds);
    }

    @Override
    public Sample sample(int index) {
        requireIndex(index);
        return cache.get(index, i -> planted(i).sample());
    }

    /** Whether this split keeps the samples it generates. */
    boolean keepsSamples() {
        return cache.keeps();
    }

    /** The sample at {@code index} with its hidden structure. */
    public PlantedSample planted(int index) {
        return generator.generate(id(index), ordinal, index, domainIds);
    }

    private void requireIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("sample index " + index + " is outside [0, " + size + ") of split "
                    + name);
        }
    }
}
