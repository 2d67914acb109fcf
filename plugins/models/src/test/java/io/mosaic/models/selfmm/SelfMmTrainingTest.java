package io.mosaic.models.selfmm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.regression.L1Factory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Training the shipped {@code self-mm} on tiny shapes with Self-MM's four L1 terms: the multimodal L1 and one L1 per
 * unimodal prediction against the label, summed with weight 1 each (mmsa.md §3.4 step 2 with every w_s = 1 and
 * y_s = y, ULGM's labels before any update).
 */
class SelfMmTrainingTest {
    private static final int B = 8;

    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(1111);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static Objective l1(String tap) throws IOException {
        L1Factory factory = new L1Factory();
        return factory.create(Parameters.of(factory.parameters(), Map.of("on", tap)), SelfMmAssembly.tiny());
    }

    /** Each objective's value on {@code batch}, in evaluation mode. */
    private static Map<String, Float> losses(Network network, Map<String, Objective> objectives, Batch batch,
                                             ParameterStore store) {
        Taps taps = new Taps();
        network.forward(store, batch, taps, false);
        Map<String, Float> values = new LinkedHashMap<>();
        objectives.forEach((tap, objective) -> values.put(tap, objective.loss(Views.clean(batch, taps)).getFloat()));
        return values;
    }

    private static Map<String, Objective> fourL1Terms() throws IOException {
        Map<String, Objective> objectives = new LinkedHashMap<>();
        objectives.put("prediction", l1("prediction"));
        for (String tap : SelfMmAssembly.unimodalPredictions()) {
            objectives.put(tap, l1(tap));
        }
        return objectives;
    }

    @Test
    void gradientStepsOnTheSumOfTheFourL1TermsReduceEachOfThem() throws IOException {
        Network network = SelfMmAssembly.build(manager, SelfMmAssembly.tiny(), SelfMmAssembly.components());
        Map<String, Objective> objectives = fourL1Terms();
        Batch batch = SelfMmAssembly.batch(manager, B);
        ParameterStore store = new ParameterStore(manager, false);
        List<Parameter> parameters = network.getParameters().values();
        float learningRate = 0.005f;

        Map<String, Float> first = losses(network, objectives, batch, store);
        for (int step = 0; step < 8; step++) {
            List<NDArray> gradients = new ArrayList<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Taps taps = new Taps();
                network.forward(store, batch, taps, true);
                NDArray loss = null;
                for (Objective objective : objectives.values()) {
                    NDArray term = objective.loss(Views.clean(batch, taps));
                    loss = loss == null ? term : loss.add(term);
                }
                collector.backward(loss);
                for (Parameter parameter : parameters) {
                    gradients.add(parameter.getArray().getGradient().duplicate());
                }
            }
            // w ← w − η ∂L/∂w
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().subi(gradients.get(i).mul(learningRate));
            }
        }
        // Dropout makes each step's gradient noisy, so the evaluation loss is compared over the 8 steps, not per step.
        Map<String, Float> last = losses(network, objectives, batch, store);
        assertThat(sum(last)).as("L after 8 steps").isLessThan(0.9f * sum(first));
        first.forEach((tap, value) -> assertThat(last.get(tap)).as(tap).isLessThan(value));
    }

    @Test
    void aUnimodalLossReachesOnlyItsModalitysEncoderAndHead() throws IOException {
        Network network = SelfMmAssembly.build(manager, SelfMmAssembly.tiny(), SelfMmAssembly.components());
        Batch batch = SelfMmAssembly.batch(manager, B);
        Set<String> reached = Set.of("text", "text-features", "text-head");

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Taps taps = new Taps();
            network.forward(new ParameterStore(manager, false), batch, taps, true);
            collector.backward(l1("prediction.text").loss(Views.clean(batch, taps)));

            for (Pair<String, Block> child : network.getChildren()) {
                String slot = child.getKey().substring(2);
                double norm = 0;
                for (Pair<String, Parameter> pair : child.getValue().getParameters()) {
                    norm += pair.getValue().getArray().getGradient().abs().sum().getFloat();
                }
                if (reached.contains(slot)) {
                    assertThat(norm).as(slot).isPositive();
                } else {
                    assertThat(norm).as(slot).isZero();
                }
            }
        }
    }

    private static float sum(Map<String, Float> losses) {
        return (float) losses.values().stream().mapToDouble(Float::doubleValue).sum();
    }
}
