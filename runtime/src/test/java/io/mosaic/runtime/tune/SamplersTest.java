package io.mosaic.runtime.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplersTest {
    private static final SearchSpace SPACE = SearchSpace.parse("s.yaml", """
            train.optimizer.lr: { log-uniform: [1.0e-4, 1.0e-1] }
            components.head.dropout: { uniform: [0.2, 0.6] }
            train.batch: { int-uniform: [3, 7] }
            components.fusion.use: { choice: [a, b, c, d] }
            """);

    private static List<Map<String, Object>> randomDraws(int n) {
        Sampler sampler = new RandomSampler(SPACE, 42);
        List<Map<String, Object>> draws = new ArrayList<>();
        for (int t = 1; t <= n; t++) {
            draws.add(sampler.propose(t, List.of()));
        }
        return draws;
    }

    @Test
    void randomSearchKeepsToEveryRangeAndTakesEveryValue() {
        List<Map<String, Object>> draws = randomDraws(4000);

        assertThat(draws).allSatisfy(d -> {
            assertThat((double) d.get("train.optimizer.lr")).isBetween(1e-4, 1e-1);
            assertThat((double) d.get("components.head.dropout")).isBetween(0.2, 0.6);
            assertThat((long) d.get("train.batch")).isBetween(3L, 7L);
        });
        // Each of 5 integers and 4 choices about equally often: 800 and 1000 expected, 4 standard deviations apart.
        for (long batch = 3; batch <= 7; batch++) {
            long b = batch;
            assertThat(draws.stream().filter(d -> d.get("train.batch").equals(b)).count()).isBetween(700L, 900L);
        }
        for (String choice : List.of("a", "b", "c", "d")) {
            assertThat(draws.stream().filter(d -> d.get("components.fusion.use").equals(choice)).count())
                    .isBetween(880L, 1120L);
        }
    }

    @Test
    void logUniformIsUniformInTheLogarithm() {
        double[] lr = randomDraws(4000).stream().mapToDouble(d -> (double) d.get("train.optimizer.lr")).sorted()
                .toArray();
        // Over [1e-4, 1e-1] the median is 10^-2.5 and the quartiles 10^-3.25 and 10^-1.75; a uniform draw on the
        // range would put its median near 0.05. The quantiles' standard error in log10 is about 0.02 here.
        assertThat(Math.log10(lr[2000])).isCloseTo(-2.5, within(0.08));
        assertThat(Math.log10(lr[1000])).isCloseTo(-3.25, within(0.08));
        assertThat(Math.log10(lr[3000])).isCloseTo(-1.75, within(0.08));
        double[] dropout = randomDraws(4000).stream().mapToDouble(d -> (double) d.get("components.head.dropout"))
                .sorted().toArray();
        assertThat(dropout[2000]).isCloseTo(0.4, within(0.02));
    }

    @Test
    void bothSamplersAreDeterministicGivenTheSeedAndDifferWithIt() {
        List<Observation> completed = observations(quadratic(), new RandomSampler(QUADRATIC, 7), 15);
        for (String id : Sampler.IDS) {
            Map<String, Object> first = Sampler.of(id, QUADRATIC, 7).propose(16, completed);
            assertThat(Sampler.of(id, QUADRATIC, 7).propose(16, completed)).isEqualTo(first);
            assertThat(Sampler.of(id, QUADRATIC, 8).propose(16, completed)).isNotEqualTo(first);
        }
    }

    private static final SearchSpace QUADRATIC = SearchSpace.parse("q.yaml", "x.y: { uniform: [-10, 10] }\n");

    /** The synthetic objective: (x - 3)^2, its optimum at x = 3. */
    private static java.util.function.ToDoubleFunction<Map<String, Object>> quadratic() {
        return values -> Math.pow((double) values.get("x.y") - 3, 2);
    }

    /** {@code n} trials of {@code sampler}, each proposed from the ones before. */
    private static List<Observation> observations(java.util.function.ToDoubleFunction<Map<String, Object>> objective,
                                                  Sampler sampler, int n) {
        List<Observation> completed = new ArrayList<>();
        for (int t = 1; t <= n; t++) {
            Map<String, Object> values = sampler.propose(t, completed);
            completed.add(new Observation(t, values, objective.applyAsDouble(values)));
        }
        return completed;
    }

    @Test
    void tpeConcentratesOnTheOptimumOfAQuadraticWhereRandomSearchDoesNot() {
        int near = 0;
        int nearRandom = 0;
        for (long seed = 1; seed <= 5; seed++) {
            List<Observation> tpe = observations(quadratic(), new TpeSampler(QUADRATIC, seed), 60);
            List<Observation> random = observations(quadratic(), new RandomSampler(QUADRATIC, seed), 60);
            // The first 10 trials of TPE are random; of its last 30, count those within 2 of the optimum (random
            // search puts 1 in 5 there).
            near += (int) tpe.subList(30, 60).stream().filter(o -> o.loss() < 4).count();
            nearRandom += (int) random.subList(30, 60).stream().filter(o -> o.loss() < 4).count();
            assertThat(tpe.subList(0, 10)).as("TPE's startup trials are random search's")
                    .isEqualTo(random.subList(0, 10));
        }
        // Measured: TPE 95, random 20.
        assertThat(nearRandom).as("random: about 30 of 150").isBetween(15, 45);
        assertThat(near).as("TPE: most of its last 150 proposals").isGreaterThan(75);
    }

    @Test
    void tpeFavoursTheChoiceOfTheGoodTrials() {
        SearchSpace choices = SearchSpace.parse("c.yaml", "a.b: { choice: [x, y, z] }\n");
        List<Observation> completed = observations(v -> v.get("a.b").equals("y") ? 0 : 1,
                new TpeSampler(choices, 3), 40);
        assertThat(completed.subList(20, 40).stream().filter(o -> o.values().get("a.b").equals("y")).count())
                .isGreaterThanOrEqualTo(16);
    }

    @Test
    void gammaWeightsAndTheNormalFunctionAreOptunas() {
        assertThat(List.of(TpeSampler.gamma(10), TpeSampler.gamma(11), TpeSampler.gamma(300))).containsExactly(1, 2,
                25);
        assertThat(TpeSampler.weights(3)).containsExactly(1, 1, 1);
        // numpy: concatenate([linspace(1/28, 1, 3), ones(25)])
        double[] weights = TpeSampler.weights(28);
        assertThat(Arrays.copyOf(weights, 4)).containsExactly(new double[] {1.0 / 28, (1 + 1.0 / 28) / 2, 1, 1},
                within(1e-12));
        assertThat(TpeSampler.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(TpeSampler.normalCdf(1.959963985)).isCloseTo(0.975, within(1e-7));
        assertThat(TpeSampler.normalCdf(-1)).isCloseTo(0.158655254, within(1e-7));
    }

    @Test
    void theParzenEstimatorIsADensityOnItsInterval() {
        List<Observation> points = List.of(new Observation(1, Map.of("x.y", 2.0), 0),
                new Observation(2, Map.of("x.y", 2.5), 0), new Observation(3, Map.of("x.y", -9.0), 0));
        TpeSampler.Parzen parzen = TpeSampler.Parzen.of((Dimension.Numeric) QUADRATIC.dimensions().get(0), points);
        double integral = 0;
        int steps = 20_000;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(parzen.logDensity(-10 + 20.0 * (i + 0.5) / steps)) * 20.0 / steps;
        }
        assertThat(integral).isCloseTo(1.0, within(1e-4));
        // Sorted: -9, 0 (the prior, sigma 20), 2, 2.5. -9 takes its one neighbour's distance, 9; 2 the larger of 2
        // and 0.5; 2.5 its one, 0.5; both clipped up to 20 / min(100, 1 + 4) = 4.
        assertThat(parzen.mus()).containsExactly(2.0, 2.5, -9.0, 0.0);
        assertThat(parzen.sigmas()).containsExactly(4.0, 4.0, 9.0, 20.0);
    }
}
