package io.mosaic.runtime.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    /** The weights are float32, as in training, and so are the engine's update and its hyperparameters. */
    private static final double TOLERANCE = 1e-6;
    private static final AdamConfig LR_01 = AdamConfig.defaults().withLearningRate(0.1);

    /** The textbook update lr · m̂ / (√v̂ + ε) with the default ε. */
    private static double update(double lr, double mHat, double vHat) {
        return lr * mHat / (Math.sqrt(vHat) + 1e-8);
    }

    @Test
    void threeStepsMatchTheClosedForm() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            PairList<String, Parameter> params = list(w);

            // t = 1, g = (0.5, -1): m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g² -> step lr · g / (|g| + ε)
            setGradient(w, 0.5, -1.0);
            adam.step(params);
            double w0 = 1.0 - update(0.1, 0.5, 0.25);
            double w1 = -2.0 - update(0.1, -1.0, 1.0);
            assertThat(values(w)).containsExactly(new double[] {w0, w1}, within(TOLERANCE));

            // t = 2, g = (0.5, 2): m = 0.9 · 0.1 g1 + 0.1 g2 = (0.095, 0.11), 1 - 0.9² = 0.19
            //                      v = 0.999 · 0.001 g1² + 0.001 g2² = (0.00049975, 0.004999), 1 - 0.999² = 0.001999
            // m̂ = (0.5, 0.11 / 0.19), v̂ = (0.25, 0.004999 / 0.001999): a constant gradient keeps a step of ~lr.
            setGradient(w, 0.5, 2.0);
            adam.step(params);
            w0 -= update(0.1, 0.5, 0.25);
            w1 -= update(0.1, 0.11 / 0.19, 0.004999 / 0.001999);
            assertThat(values(w)).containsExactly(new double[] {w0, w1}, within(TOLERANCE));

            // t = 3, g = 0: m = 0.9 m = (0.0855, 0.099), v = 0.999 v = (0.00049925025, 0.004994001),
            // 1 - 0.9³ = 0.271, 1 - 0.999³ = 0.002997001: momentum keeps moving the weight.
            setGradient(w, 0.0, 0.0);
            adam.step(params);
            w0 -= update(0.1, 0.0855 / 0.271, 0.00049925025 / 0.002997001);
            w1 -= update(0.1, 0.099 / 0.271, 0.004994001 / 0.002997001);
            assertThat(values(w)).containsExactly(new double[] {w0, w1}, within(TOLERANCE));
            assertThat(adam.steps()).isEqualTo(3);
        }
    }

    @Test
    void eachGroupStepsWithItsOwnLearningRateAndWeightDecay() {
        // torch.optim.Adam([{'params': [decayed], 'weight_decay': 0.1}, {'params': [exempt]},
        //                   {'params': [still], 'lr': 0}], lr=0.1), as MMSA builds Self-MM's (mmsa.md §3.3)
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter decayed = parameter(manager, "decayed", 2.0);
            Parameter exempt = parameter(manager, "exempt", 2.0);
            Parameter still = parameter(manager, "still", 2.0);
            setGradient(decayed, 0.0);
            setGradient(exempt, 0.0);
            setGradient(still, 1.0);

            adam.step(List.of(new ParameterGroup("decayed", LR_01.withWeightDecay(0.1), list(decayed)),
                    new ParameterGroup("exempt", LR_01, list(exempt)),
                    new ParameterGroup("still", LR_01.withLearningRate(0), list(still))));

            // decayed: g' = 0 + 0.1 · 2 = 0.2, so at t = 1, m̂ = 0.2 and v̂ = 0.04; exempt: g = 0 leaves m = 0;
            // still: lr = 0 scales its step to 0, its moments move.
            assertThat(values(decayed)).containsExactly(new double[] {2.0 - update(0.1, 0.2, 0.04)},
                    within(TOLERANCE));
            assertThat(values(exempt)).containsExactly(2.0);
            assertThat(values(still)).containsExactly(2.0);
            assertThat(adam.steps()).isEqualTo(1);
            assertThatThrownBy(() -> adam.step(List.of(new ParameterGroup("a", LR_01, list(still)),
                    new ParameterGroup("b", LR_01, list(still)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 'still' twice");
        }
    }

    @Test
    void weightDecayIsAddedToTheGradientNotToTheStoredOne() {
        AdamConfig config = LR_01.withEpsilon(1.0).withWeightDecay(0.1);
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(config, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            setGradient(w, 0.5, -1.0);
            adam.step(list(w));
            // g' = g + 0.1 w = (0.6, -1.2); t = 1 -> step lr · g' / (|g'| + ε) = (0.1 · 0.6 / 1.6, 0.1 · -1.2 / 2.2)
            //                                                               = (0.0375, -0.0545...)
            assertThat(values(w)).containsExactly(
                    new double[] {1.0 - 0.1 * 0.6 / 1.6, -2.0 + 0.1 * 1.2 / 2.2}, within(TOLERANCE));
            assertThat(gradient(w)).containsExactly(0.5, -1.0);
        }
    }

    @Test
    void frozenParametersAreLeftUntouchedAndGetNoState() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter trained = parameter(manager, "trained", 1.0, 1.0);
            Parameter frozen = parameter(manager, "frozen", 3.0, 4.0);
            frozen.freeze(true);
            setGradient(trained, 1.0, 1.0);
            adam.step(list(trained, frozen));
            assertThat(values(frozen)).containsExactly(3.0, 4.0);
            assertThat(values(trained)).containsExactly(
                    new double[] {1.0 - update(0.1, 1, 1), 1.0 - update(0.1, 1, 1)}, within(TOLERANCE));
            try (NDList state = adam.exportState(manager)) {
                assertThat(state.stream().map(NDArray::getName)).containsExactly("steps", "m/trained", "v/trained",
                        "t/trained");
            }
        }
    }

    @Test
    void eachParameterCountsOnlyItsOwnUpdates() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter a = parameter(manager, "a", 0.0);
            Parameter b = parameter(manager, "b", 0.0);
            b.freeze(true);
            setGradient(a, 1.0);
            adam.step(list(a, b));
            b.freeze(false);
            setGradient(a, 1.0);
            setGradient(b, -2.0);
            adam.step(list(a, b));
            // b's first update has t = 1 (as in torch), so m̂ = g and the step is lr · g / (|g| + ε).
            assertThat(values(b)).containsExactly(new double[] {update(0.1, 2.0, 4.0)}, within(TOLERANCE));
            try (NDList state = adam.exportState(manager)) {
                assertThat(state.get("steps").toLongArray()).containsExactly(2);
                assertThat(state.get("t/a").toLongArray()).containsExactly(2);
                assertThat(state.get("t/b").toLongArray()).containsExactly(1);
            }
        }
    }

    @Test
    void aGradientNeverWrittenCountsAsZero() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -1.0);
            adam.step(list(w));
            // m = v = 0 -> step 0 / (0 + ε) = 0, but the update is counted.
            assertThat(values(w)).containsExactly(1.0, -1.0);
            try (NDList state = adam.exportState(manager)) {
                assertThat(state.get("t/w").toLongArray()).containsExactly(1);
            }
        }
    }

    @Test
    void exportedStateHoldsTheMomentsAndLoadsBackUnchanged() {
        try (NDManager manager = NDManager.newBaseManager();
                Adam adam = new Adam(LR_01, manager);
                Adam restored = new Adam(LR_01, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            setGradient(w, 0.5, -1.0);
            adam.step(list(w));
            setGradient(w, 0.5, 2.0);
            adam.step(list(w));
            NDList exported = adam.exportState(manager);
            // m = (0.095, 0.11), v = (0.00049975, 0.004999) (see threeStepsMatchTheClosedForm), as the engine keeps
            // them: divided by κ = (float) (1 − β) / (1 − (float) β), 1 − 2.2e-7 for β1 and 1 + 1.3e-5 for β2
            double kappa1 = (float) 0.1 / (1 - (double) 0.9f);
            double kappa2 = (float) 0.001 / (1 - (double) 0.999f);
            assertThat(exported.get("m/w").toType(DataType.FLOAT64, true).toDoubleArray())
                    .containsExactly(new double[] {0.095 / kappa1, 0.11 / kappa1}, within(1e-8));
            assertThat(exported.get("v/w").toType(DataType.FLOAT64, true).toDoubleArray())
                    .containsExactly(new double[] {0.00049975 / kappa2, 0.004999 / kappa2}, within(1e-9));

            restored.loadState(NDList.decode(manager, exported.encode()));
            NDList reexported = restored.exportState(manager);
            assertThat(restored.steps()).isEqualTo(2);
            assertThat(reexported.stream().map(NDArray::getName))
                    .containsExactlyElementsOf(exported.stream().map(NDArray::getName).toList());
            for (NDArray array : exported) {
                assertThat(reexported.get(array.getName()).contentEquals(array)).as(array.getName()).isTrue();
            }
        }
    }

    @Test
    void resumingFromExportedStateIsBitIdenticalToAnUninterruptedRun() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] initial = manager.randomNormal(new Shape(3, 4)).toFloatArray();
            AdamConfig config = AdamConfig.defaults().withLearningRate(0.05).withWeightDecay(0.01);

            NDArray uninterrupted;
            try (Adam adam = new Adam(config, manager)) {
                Parameter w = floatParameter(manager, initial);
                for (int step = 0; step < 5; step++) {
                    setGradient(w, gradientAt(step, initial.length));
                    adam.step(list(w));
                }
                uninterrupted = w.getArray().duplicate();
            }

            Parameter w = floatParameter(manager, initial);
            byte[] checkpoint;
            try (Adam first = new Adam(config, manager)) {
                for (int step = 0; step < 2; step++) {
                    setGradient(w, gradientAt(step, initial.length));
                    first.step(list(w));
                }
                try (NDList state = first.exportState(manager)) {
                    checkpoint = state.encode();
                }
            }
            try (Adam resumed = new Adam(config, manager); NDList state = NDList.decode(manager, checkpoint)) {
                resumed.loadState(state);
                for (int step = 2; step < 5; step++) {
                    setGradient(w, gradientAt(step, initial.length));
                    resumed.step(list(w));
                }
            }
            assertThat(w.getArray().toFloatArray()).containsExactly(uninterrupted.toFloatArray());
        }
    }

    @Test
    void stepsAllocateNothingThatOutlivesThem() {
        try (NDManager manager = NDManager.newBaseManager();
                Adam adam = new Adam(LR_01.withWeightDecay(0.1), manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            setGradient(w, 0.5, -1.0);
            adam.step(list(w));
            int afterFirstStep = manager.getManagedArrays().size();
            for (int step = 0; step < 4; step++) {
                setGradient(w, 0.25 * step, -1.0);
                adam.step(list(w));
            }
            assertThat(manager.getManagedArrays()).hasSize(afterFirstStep);
        }
    }

    @Test
    void closeReleasesTheMomentsAndEndsTheOptimizer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            int weightsOnly = manager.getManagedArrays().size();
            Adam adam = new Adam(LR_01, manager);
            setGradient(w, 0.5, -1.0);
            adam.step(list(w));
            assertThat(manager.getManagedArrays()).hasSize(weightsOnly + 2);
            adam.close();
            assertThat(manager.getManagedArrays()).hasSize(weightsOnly);
            assertThatThrownBy(() -> adam.step(list(w)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void stepInsideAnOpenGradientCollectorIsNotRecorded() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            setGradient(w, 0.5, -1.0);
            GradientCollector collector = Engine.getInstance().newGradientCollector();
            try {
                adam.step(list(w));
            } finally {
                collector.close();
            }
            assertThat(values(w)).containsExactly(
                    new double[] {1.0 - update(0.1, 0.5, 0.25), -2.0 - update(0.1, -1.0, 1.0)}, within(TOLERANCE));
            // The weight is still a leaf: a new backward gives exactly the new gradient.
            setGradient(w, 3.0, 4.0);
            assertThat(gradient(w)).containsExactly(3.0, 4.0);
        }
    }

    @Test
    void rejectsRepeatedNamesAndAShapeThatNoLongerFitsTheState() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            setGradient(w, 0.5, -1.0);
            PairList<String, Parameter> twice = list(w);
            twice.add("w", w);
            assertThatThrownBy(() -> adam.step(twice))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 'w' twice");

            adam.step(list(w));
            Parameter other = parameter(manager, "w", 1.0, 2.0, 3.0);
            setGradient(other, 1.0, 1.0, 1.0);
            assertThatThrownBy(() -> adam.step(list(other)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("optimizer state of parameter 'w' is float32 (2) but the parameter is "
                            + "float32 (3)");
        }
    }

    @Test
    void rejectsIncompleteOrForeignStateAndKeepsItsOwn() {
        try (NDManager manager = NDManager.newBaseManager(); Adam adam = new Adam(LR_01, manager)) {
            Parameter w = parameter(manager, "w", 1.0, -2.0);
            setGradient(w, 0.5, -1.0);
            adam.step(list(w));
            NDList state = adam.exportState(manager);

            NDList noSteps = new NDList(state.subNDList(1));
            assertThatThrownBy(() -> adam.loadState(noSteps))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Adam state has no 'steps' array, found [m/w, v/w, t/w]");
            NDList noSecond = new NDList(state.get("steps"), state.get("m/w"), state.get("t/w"));
            assertThatThrownBy(() -> adam.loadState(noSecond))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 'v/w' array");
            NDList foreign = new NDList(state).addAll(new NDList(named(manager.create(1.0), "momentum/w")));
            assertThatThrownBy(() -> adam.loadState(foreign))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unexpected array 'momentum/w' in Adam state");
            NDList floatSteps = new NDList(named(manager.create(1.0f), "steps"));
            assertThatThrownBy(() -> adam.loadState(floatSteps))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'steps' must be an int64 scalar count, found float32 ()");

            try (NDList unchanged = adam.exportState(manager)) {
                assertThat(unchanged.get("m/w").contentEquals(state.get("m/w"))).isTrue();
            }
        }
    }

    private static Parameter parameter(NDManager manager, String name, double... values) {
        NDArray array = manager.create(values).toType(DataType.FLOAT32, false);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build();
    }

    private static Parameter floatParameter(NDManager manager, float[] values) {
        NDArray array = manager.create(values, new Shape(3, 4));
        array.setRequiresGradient(true);
        return Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(array).build();
    }

    private static PairList<String, Parameter> list(Parameter... parameters) {
        PairList<String, Parameter> list = new PairList<>();
        for (Parameter parameter : parameters) {
            list.add(parameter.getName(), parameter);
        }
        return list;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    /** A deterministic gradient that differs at every step. */
    private static double[] gradientAt(int step, int size) {
        double[] gradient = new double[size];
        for (int i = 0; i < size; i++) {
            gradient[i] = Math.sin(1.7 * step + 0.3 * i);
        }
        return gradient;
    }

    /** Makes the weight's gradient exactly {@code gradient}: zero it, then backpropagate Σ w·c, whose gradient is c. */
    private static void setGradient(Parameter parameter, double... gradient) {
        NDArray weight = parameter.getArray();
        try (NDManager scratch = weight.getManager().newSubManager()) {
            weight.tempAttach(scratch);
            NDArray current = weight.getGradient();
            current.subi(current);
            NDArray c = scratch.create(gradient).toType(weight.getDataType(), false).reshape(weight.getShape());
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(weight.mul(c).sum());
            }
        }
    }

    private static double[] values(Parameter parameter) {
        return parameter.getArray().toType(DataType.FLOAT64, true).toDoubleArray();
    }

    private static double[] gradient(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient()) {
            return gradient.toType(DataType.FLOAT64, true).toDoubleArray();
        }
    }
}
