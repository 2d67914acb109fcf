package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporariesTest {

    @Test
    void whatTheComputationCreatesIsReleasedExceptItsResultItsTapsAndWhatExistedBefore() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.create(new float[] {1, 2, 3});
            Taps taps = new Taps();
            List<NDArray> temporaries = new ArrayList<>();
            NDArray result = Temporaries.released(() -> {
                NDArray doubled = input.mul(Scalars.constant(input, 2));
                temporaries.add(doubled);
                NDArray squared = doubled.mul(doubled);
                taps.put("squared", squared);
                taps.put("sequence", Features.sequence(squared.reshape(1, 3, 1), manager.create(new long[] {3})));
                return squared.sum();
            });

            assertThat(temporaries.get(0).isReleased()).isTrue();
            assertThat(input.isReleased()).isFalse();
            assertThat(result.getFloat()).isEqualTo(4 + 16 + 36);
            assertThat(taps.get("squared").toFloatArray()).containsExactly(4, 16, 36);
            assertThat(taps.features("sequence").lengths().toLongArray()).containsExactly(3);
        }
    }

    @Test
    void anObserverIsToldBeforeEachReleaseWhileTheTemporariesAreStillHeld() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.create(new float[] {1, 2, 3});
            List<NDArray> temporaries = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            Runnable observer = () -> held.add((int) temporaries.stream().filter(t -> !t.isReleased()).count());

            Temporaries.observingReleases(observer, () -> Temporaries.released(() -> {
                temporaries.add(input.mul(input));
                NDArray inner = Temporaries.released(() -> {
                    temporaries.add(input.add(input));
                    return input.sum();
                });
                return inner.add(temporaries.get(0).sum());
            }));
            Temporaries.released(() -> input.mul(input));

            // the inner computation closes with both temporaries held, the outer with the first (the inner's is gone)
            assertThat(held).containsExactly(2, 1);
            assertThat(temporaries).allMatch(NDArray::isReleased);
        }
    }

    @Test
    void theGradientFlowsThroughReleasedTemporaries() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, -2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // y = Σ (3x)²: dy/dx = 18x, through a product whose operands were closed before backward
                NDArray y = Temporaries.released(() -> {
                    NDArray tripled = x.mul(Scalars.constant(x, 3));
                    return tripled.mul(tripled).sum();
                });
                collector.backward(y);
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(18, -36, 54);
        }
    }

    @Test
    void theArraysNamedInAResultAreKept() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.ones(new Shape(2, 3, 4));
            Features kept = Temporaries.released(
                    () -> Features.sequence(values.add(values), manager.create(new long[] {3, 1}).add(
                            manager.create(new long[] {0, 1}))), Temporaries::of);
            assertThat(kept.values().isReleased()).isFalse();
            assertThat(kept.lengths().toLongArray()).containsExactly(3, 2);
        }
    }

    @Test
    void anUnrecordedTemporaryIsMultipliedAndSummedInPlace() {
        Autograd.install(JniUtils::isGradMode);
        JniUtils.setGradMode(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weights = manager.create(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, new Shape(2, 1, 2));
            NDArray valid = manager.create(new float[] {1, 0}, new Shape(1, 1, 2));

            NDArray masked = Temporaries.times(weights, valid);
            NDArray shifted = Temporaries.plus(masked, manager.create(new float[] {1, -1}, new Shape(2, 1, 1)));

            assertThat(masked).isSameAs(weights);
            assertThat(shifted).isSameAs(weights);
            assertThat(shifted.getShape()).isEqualTo(new Shape(2, 1, 2));
            assertThat(shifted.toFloatArray()).containsExactly(1.25f, 1f, -0.5f, -1f);
        } finally {
            JniUtils.setGradMode(true);
            Autograd.install(() -> true);
        }
    }

    @Test
    void aRecordedTemporaryGivesANewArrayAndItsGradient() {
        Autograd.install(JniUtils::isGradMode);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, -2, 3});
            x.setRequiresGradient(true);
            NDArray mask = manager.create(new float[] {1, 0, 1});
            NDArray temporary;
            NDArray result;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                temporary = x.mul(x);
                result = Temporaries.plus(Temporaries.times(temporary, mask), mask);
                collector.backward(result.sum());
            }
            // d/dx Σ (x²·m + m) = 2·x·m
            assertThat(result).isNotSameAs(temporary);
            assertThat(temporary.isReleased()).isTrue();
            assertThat(result.toFloatArray()).containsExactly(2, 0, 10);
            assertThat(x.getGradient().toFloatArray()).containsExactly(new float[] {2, 0, 6}, within(0f));
        } finally {
            Autograd.install(() -> true);
        }
    }

    @Test
    void withoutTheEngineSAnswerEverythingCountsAsRecorded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray temporary = manager.create(new float[] {1, 2});
            NDArray result = Temporaries.times(temporary, manager.create(new float[] {3, 0}));
            assertThat(Autograd.recording()).isTrue();
            assertThat(result).isNotSameAs(temporary);
            assertThat(temporary.isReleased()).isTrue();
            assertThat(result.toFloatArray()).containsExactly(3, 0);
        }
    }
}
