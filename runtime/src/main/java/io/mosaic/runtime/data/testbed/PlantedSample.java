package io.mosaic.runtime.data.testbed;

import io.mosaic.runtime.data.Sample;

/**
 * A generated sample with the hidden part of its structure.
 *
 * @param sample         what a model sees
 * @param visionKeyframes the sorted vision frames that carry the invariant evidence; empty when every frame does
 */
public record PlantedSample(Sample sample, int[] visionKeyframes) {
}
