package io.mosaic.runtime.data.testbed;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.SubsetSplit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The built-in dataset: MOSI-style samples with planted, known structure (see the package documentation). The same
 * configuration and seed always give the same samples.
 */
public final class Testbed implements Dataset {
    /** The ordinal of the source domains' test split, which keys its samples' streams: after train, valid, test. */
    private static final int SOURCE_TEST_ORDINAL = 3;

    private final TestbedConfig config;
    private final long seed;
    private final Domains domains;
    private final Lexicon lexicon;
    private final SampleGenerator generator;
    private final Map<String, TestbedSplit> splits = new LinkedHashMap<>();
    private final Map<String, Split> domainTests = new LinkedHashMap<>();
    private final boolean keepSamples;

    /** A testbed whose samples are kept once generated when they take at most a quarter of the largest heap. */
    public Testbed(TestbedConfig config, long seed) {
        this(config, seed, (long) (Runtime.getRuntime().maxMemory() * SampleCache.HEAP_SHARE));
    }

    /** @param cacheBudget the bytes its generated samples may take; they are not kept when they need more */
    Testbed(TestbedConfig config, long seed, long cacheBudget) {
        this.config = config;
        this.seed = seed;
        this.domains = new Domains(config.domains(), config.planting());
        this.lexicon = new Lexicon(config.text(), config.domains());
        this.generator = new SampleGenerator(config, seed, domains, lexicon);
        SplitSizes sizes = config.splits();
        DomainSplit domainSplit = config.domainSplit();
        boolean withSourceTest = !domainSplit.isAll(config.domains());
        long samples = (long) sizes.train() + sizes.valid() + sizes.test() * (withSourceTest ? 2L : 1L);
        this.keepSamples = SampleCache.fits(config, samples, cacheBudget);
        addSplit(TRAIN, sizes.train(), domainSplit.train());
        addSplit(VALID, sizes.valid(), domainSplit.train());
        addSplit(TEST, sizes.test(), domainSplit.test());
        if (withSourceTest) {
            addDomainTests(sizes.test(), domainSplit);
        }
    }

    /**
     * The source domains' test split, as large as the test split and drawn as it is but from the source domains
     * (its own streams, so the other splits are unchanged), and each target domain's part of the test split.
     */
    private void addDomainTests(int size, DomainSplit domainSplit) {
        domainTests.put(SOURCE_TEST, new TestbedSplit(SOURCE_TEST, SOURCE_TEST_ORDINAL, size, domainSplit.train(),
                generator, keepSamples));
        TestbedSplit test = splits.get(TEST);
        for (int domain : domainSplit.test()) {
            int target = domain;
            int[] indices = IntStream.range(0, test.size()).filter(i -> test.domain(i) == target).toArray();
            domainTests.put(Dataset.targetTest(domain), new SubsetSplit(Dataset.targetTest(domain), test,
                    indices));
        }
    }

    /** The testbed of a named preset, see {@link TestbedConfig#preset(String)}. */
    public static Testbed preset(String name, long seed) {
        return new Testbed(TestbedConfig.preset(name), seed);
    }

    public TestbedConfig config() {
        return config;
    }

    /** The domains' label priors and spurious factors. */
    public Domains domains() {
        return domains;
    }

    /** Which token ids are sentiment, topic and filler words. */
    public Lexicon lexicon() {
        return lexicon;
    }

    /** The embedding row of a token id: its feature before context noise. */
    public float[] embedding(int id) {
        if (id < 0 || id >= config.text().vocabulary()) {
            throw new IllegalArgumentException("token id " + id + " is outside [0, " + config.text().vocabulary() + ")");
        }
        return generator.embedding(id);
    }

    /**
     * {@code testbed <preset> seed <seed>}, followed by the domains of each split when they differ and the unimodal
     * shift when there is one.
     */
    @Override
    public String description() {
        String description = "testbed " + config.name() + " seed " + seed;
        DomainSplit domainSplit = config.domainSplit();
        if (!domainSplit.isAll(config.domains())) {
            description += " (train domains " + domainSplit.train() + ", test domains " + domainSplit.test() + ")";
        }
        double shift = config.planting().unimodalShift();
        return shift == 0 ? description : description + " (unimodal shift " + shift + ")";
    }

    @Override
    public Map<Modality, FeatureShape> shapes() {
        Map<Modality, FeatureShape> shapes = new EnumMap<>(Modality.class);
        shapes.put(Modality.TEXT, config.text().shape());
        shapes.put(Modality.AUDIO, config.audio().shape());
        shapes.put(Modality.VISION, config.vision().shape());
        return Collections.unmodifiableMap(shapes);
    }

    /** Every modality: each sample carries its modality-specific scores y_s (y itself without a unimodal shift). */
    @Override
    public Set<Modality> unimodalLabels() {
        return EnumSet.allOf(Modality.class);
    }

    @Override
    public int vocabulary() {
        return config.text().vocabulary();
    }

    @Override
    public List<String> splitNames() {
        return List.copyOf(splits.keySet());
    }

    /**
     * With train and test domains of their own: {@code source}, the source domains' test split, then
     * {@code target-<d>}, each target domain's samples of the test split.
     */
    @Override
    public List<String> domainTests() {
        return List.copyOf(domainTests.keySet());
    }

    @Override
    public TestbedSplit split(String name) {
        TestbedSplit split = splits.get(name);
        if (split == null) {
            throw new IllegalArgumentException("testbed has no split '" + name + "'; its splits: " + splitNames());
        }
        return split;
    }

    @Override
    public Split domainTest(String name) {
        Split split = domainTests.get(name);
        if (split == null) {
            throw new IllegalArgumentException("testbed has no domain test split '" + name + "'; it has "
                    + domainTests());
        }
        return split;
    }

    private void addSplit(String name, int size, List<Integer> splitDomains) {
        splits.put(name, new TestbedSplit(name, splits.size(), size, splitDomains, generator, keepSamples));
    }
}
