package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.data.Sample;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A split's samples kept once generated, when the testbed's samples fit the memory it may give them: a run reads every
 * training sample once an epoch, and generating one costs far more than reading it back. Samples are a function of
 * their index, so a cached sample is the one generation would give; two threads that generate the same sample at once
 * keep either copy.
 */
final class SampleCache {
    /** The share of the JVM's largest heap that the testbed's cached samples may take. */
    static final double HEAP_SHARE = 0.25;

    private final AtomicReferenceArray<Sample> samples;

    private SampleCache(AtomicReferenceArray<Sample> samples) {
        this.samples = samples;
    }

    /** A cache for {@code size} samples. */
    static SampleCache keeping(int size) {
        return new SampleCache(new AtomicReferenceArray<>(size));
    }

    /** No cache: every sample is generated each time it is read. */
    static SampleCache none() {
        return new SampleCache(null);
    }

    /** Whether {@code samples} samples of {@code config} fit in {@code budget} bytes. */
    static boolean fits(TestbedConfig config, long samples, long budget) {
        return samples * bytesPerSample(config) <= budget;
    }

    /** The bytes of one sample's arrays (features and token ids), plus a small allowance for its objects. */
    static long bytesPerSample(TestbedConfig config) {
        TextLayout text = config.text();
        long floats = (long) text.steps() * text.featureDim()
                + (long) config.audio().steps() * config.audio().dim()
                + (long) config.vision().steps() * config.vision().dim();
        return Float.BYTES * (floats + text.steps()) + 512;
    }

    Sample get(int index, IntFunction<Sample> generate) {
        if (samples == null) {
            return generate.apply(index);
        }
        Sample sample = samples.get(index);
        if (sample == null) {
            sample = generate.apply(index);
            samples.set(index, sample);
        }
        return sample;
    }

    boolean keeps() {
        return samples != null;
    }
}
