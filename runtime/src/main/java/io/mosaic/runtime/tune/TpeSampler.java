package io.mosaic.runtime.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization"), with
 * Optuna's defaults for its univariate sampler: the first {@value #STARTUP} trials are random; then the completed
 * trials split into the best {@code gamma(n) = min(ceil(0.1 n), 25)} and the rest, each key gets a Parzen estimator
 * {@code l(x)} over the good trials' values and {@code g(x)} over the others' (each with a prior component), and of
 * {@value #CANDIDATES} candidates drawn from {@code l} the one with the highest {@code l(x) / g(x)} (the expected
 * improvement's maximiser, section 4.1) is proposed. Keys are independent; log-uniform keys are estimated in log
 * space, integers on the integers widened by half a step.
 */
public record TpeSampler(SearchSpace space, long seed) implements Sampler {
    static final int STARTUP = 10;
    static final int CANDIDATES = 24;
    static final double PRIOR_WEIGHT = 1.0;
    /** Optuna's {@code default_weights}: the most recent 25 trials weigh 1, older ones ramp down to 1/n. */
    static final int FULL_WEIGHT = 25;

    @Override
    public Map<String, Object> propose(int trial, List<Observation> completed) {
        SplittableRandom random = Sampler.random(seed, trial);
        List<Observation> finite = completed.stream().filter(o -> Double.isFinite(o.loss())).toList();
        if (finite.size() < STARTUP) {
            return Sampler.draw(space, random);
        }
        List<Observation> ranked = new ArrayList<>(finite);
        ranked.sort(Comparator.comparingDouble(Observation::loss).thenComparingInt(Observation::trial));
        int good = gamma(ranked.size());
        List<Observation> below = byTrial(ranked.subList(0, good));
        List<Observation> above = byTrial(ranked.subList(good, ranked.size()));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Dimension dimension : space.dimensions()) {
            values.put(dimension.key(), dimension instanceof Dimension.Numeric numeric
                    ? numeric.value(numeric(numeric, below, above, random))
                    : choice((Dimension.Choice) dimension, below, above, random));
        }
        return values;
    }

    /** How many of {@code n} trials are the good ones: Optuna's {@code default_gamma}. */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** Optuna's {@code default_weights} for {@code n} observations in trial order. */
    static double[] weights(int n) {
        double[] weights = new double[n];
        int ramp = Math.max(0, n - FULL_WEIGHT);
        for (int i = 0; i < n; i++) {
            weights[i] = i >= ramp ? 1.0 : ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        return weights;
    }

    private static List<Observation> byTrial(List<Observation> observations) {
        return observations.stream().sorted(Comparator.comparingInt(Observation::trial)).toList();
    }

    /** The internal point with the highest {@code log l - log g} of {@value #CANDIDATES} drawn from {@code l}. */
    private static double numeric(Dimension.Numeric dimension, List<Observation> below, List<Observation> above,
                                  SplittableRandom random) {
        Parzen l = Parzen.of(dimension, below);
        Parzen g = Parzen.of(dimension, above);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double x = l.sample(random);
            double score = l.logDensity(x) - g.logDensity(x);
            if (Double.isNaN(best) || score > bestScore) {
                best = x;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * The choice with the highest {@code l / g} of {@value #CANDIDATES} drawn from {@code l}, where each estimator
     * gives a choice the weight of the trials that took it plus the prior's, spread evenly.
     */
    private static Object choice(Dimension.Choice dimension, List<Observation> below, List<Observation> above,
                                 SplittableRandom random) {
        double[] l = categorical(dimension, below);
        double[] g = categorical(dimension, above);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            int k = draw(l, random);
            double score = Math.log(l[k]) - Math.log(g[k]);
            if (best < 0 || score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return dimension.values().get(best);
    }

    /** The probability of each choice under the estimator of {@code observations}. */
    static double[] categorical(Dimension.Choice dimension, List<Observation> observations) {
        int k = dimension.values().size();
        double[] weights = weights(observations.size());
        double[] mass = new double[k];
        double total = PRIOR_WEIGHT;
        for (int c = 0; c < k; c++) {
            mass[c] = PRIOR_WEIGHT / k;
        }
        for (int i = 0; i < observations.size(); i++) {
            mass[dimension.values().indexOf(observations.get(i).values().get(dimension.key()))] += weights[i];
            total += weights[i];
        }
        for (int c = 0; c < k; c++) {
            mass[c] /= total;
        }
        return mass;
    }

    /** An index drawn with the probabilities {@code p}. */
    static int draw(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            if (u < sum) {
                return i;
            }
        }
        return p.length - 1;
    }

    /**
     * A mixture of normals truncated to {@code [low, high]}: one at each observed point and a prior one at the
     * interval's centre with the interval's width. Each point's bandwidth is the larger distance to its neighbours
     * (among the points and the prior's centre; the outermost take their one neighbour), clipped to
     * {@code [(high - low) / min(100, 1 + points), high - low]} (Optuna's "magic clip").
     */
    record Parzen(double low, double high, double[] mus, double[] sigmas, double[] weights) {

        static Parzen of(Dimension.Numeric dimension, List<Observation> observations) {
            double low = dimension.internalLow();
            double high = dimension.internalHigh();
            int n = observations.size() + 1;
            double[] mus = new double[n];
            double[] weights = new double[n];
            double[] observed = TpeSampler.weights(observations.size());
            for (int i = 0; i < observations.size(); i++) {
                mus[i] = dimension.internal(observations.get(i).values().get(dimension.key()));
                weights[i] = observed[i];
            }
            int prior = n - 1;
            mus[prior] = (low + high) / 2;
            weights[prior] = PRIOR_WEIGHT;
            double weightSum = 0;
            for (double w : weights) {
                weightSum += w;
            }
            for (int i = 0; i < n; i++) {
                weights[i] /= weightSum;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> mus[i]));
            double range = high - low;
            double minSigma = range / Math.min(100, 1 + n);
            double[] sigmas = new double[n];
            for (int r = 0; r < n; r++) {
                double left = r > 0 ? mus[order[r]] - mus[order[r - 1]] : Double.NaN;
                double right = r < n - 1 ? mus[order[r + 1]] - mus[order[r]] : Double.NaN;
                double sigma = Double.isNaN(left) ? right : Double.isNaN(right) ? left : Math.max(left, right);
                sigmas[order[r]] = Math.min(range, Math.max(minSigma, Double.isNaN(sigma) ? range : sigma));
            }
            sigmas[prior] = range;
            return new Parzen(low, high, mus, sigmas, weights);
        }

        /** A point drawn from the mixture: a component by its weight, then its truncated normal by rejection. */
        double sample(SplittableRandom random) {
            int k = draw(weights, random);
            for (int attempt = 0; attempt < 1000; attempt++) {
                double x = mus[k] + sigmas[k] * gaussian(random);
                if (x >= low && x <= high) {
                    return x;
                }
            }
            return Math.min(high, Math.max(low, mus[k]));
        }

        /** {@code log} of the mixture's density at {@code x}. */
        double logDensity(double x) {
            double max = Double.NEGATIVE_INFINITY;
            double[] terms = new double[mus.length];
            for (int i = 0; i < mus.length; i++) {
                double z = (x - mus[i]) / sigmas[i];
                double mass = normalCdf((high - mus[i]) / sigmas[i]) - normalCdf((low - mus[i]) / sigmas[i]);
                terms[i] = Math.log(weights[i]) - 0.5 * z * z - Math.log(sigmas[i] * Math.sqrt(2 * Math.PI))
                        - Math.log(Math.max(mass, 1e-300));
                max = Math.max(max, terms[i]);
            }
            double sum = 0;
            for (double term : terms) {
                sum += Math.exp(term - max);
            }
            return max + Math.log(sum);
        }
    }

    /** A standard normal draw (Box-Muller). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** The standard normal distribution function, {@code erfc(-z / sqrt 2) / 2}. */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** The complementary error function, fractional error below 1.2e-7 (Numerical Recipes, {@code erfcc}). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
