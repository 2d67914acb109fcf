package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import io.mosaic.api.protocol.SampleNoise;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gaussian feature noise (SATI's Table III: N(0, σ²) added to the extracted features, σ = 0.5): at level σ every
 * feature of every position below the true length of a listed modality gets σ·z, z ~ N(0, 1). A sample draws its z
 * from its own stream in a fixed order whatever σ is, so a sweep moves each sample along one line (noise nested in σ,
 * as masks are nested in the rate). Nothing is removed.
 */
final class GaussianNoise implements MissingProtocol {
    /** The largest σ a view or sweep may ask for. */
    static final double MAX_SIGMA = 100;

    private final Map<Modality, Integer> widths;

    /** @param widths the feature width of each modality that gets noise */
    GaussianNoise(Map<Modality, Integer> widths) {
        this.widths = new EnumMap<>(widths);
    }

    @Override
    public SampleMask mask(SampleLayout sample, double level, SplittableRandom random) {
        checkSigma(level);
        return new SampleMask(sample);
    }

    @Override
    public SampleMask trainingMask(SampleLayout sample, SplittableRandom random) {
        return new SampleMask(sample);
    }

    @Override
    public double maxLevel() {
        return MAX_SIGMA;
    }

    @Override
    public SampleNoise noise(SampleLayout sample, double level, SplittableRandom random) {
        double sigma = checkSigma(level);
        SampleNoise noise = new SampleNoise(sample);
        if (sigma == 0) {
            return noise;
        }
        widths.forEach((modality, width) -> {
            for (int t = 0; t < sample.length(modality); t++) {
                float[] values = new float[width];
                for (int k = 0; k < width; k++) {
                    values[k] = (float) (sigma * random.nextGaussian());
                }
                noise.add(modality, t, values);
            }
        });
        return noise;
    }

    /** A training sample without a fixed level draws its own σ ~ U[0, 1), as the missing protocols draw a rate. */
    @Override
    public SampleNoise trainingNoise(SampleLayout sample, SplittableRandom random) {
        return noise(sample, random.nextDouble(), random);
    }

    private static double checkSigma(double sigma) {
        if (!(sigma >= 0 && sigma <= MAX_SIGMA)) {
            throw new IllegalArgumentException("a noise standard deviation is in [0, " + MAX_SIGMA + "], found "
                    + sigma);
        }
        return sigma;
    }
}
