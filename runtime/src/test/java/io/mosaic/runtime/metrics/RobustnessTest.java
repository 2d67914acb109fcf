package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * MultiBench's relative and effective robustness (Liang et al. 2021, {@code eval_scripts/robustness.py}): closed forms,
 * and MultiBench's own formulas written out on small curves.
 */
class RobustnessTest {
    private static final double[] ELEVEN = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    /** MultiBench's relative_robustness_helper: Σ (r_i + r_{i+1}) · 0.1 / 2, whatever the levels were. */
    private static double multiBenchRelative(double[] r) {
        double area = 0;
        for (int i = 0; i < r.length - 1; i++) {
            area += (r[i] + r[i + 1]) * 0.1 / 2;
        }
        return area;
    }

    /** MultiBench's effective_robustness_helper: np.sum(f - (lf + (f[0] - lf[0]))). */
    private static double multiBenchEffective(double[] f, double[] lf) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += f[i] - (lf[i] + (f[0] - lf[0]));
        }
        return sum;
    }

    @Test
    void relativeRobustnessIsMultiBenchsAreaOnItsElevenLevels() {
        // Σr = 5.0, so MultiBench's area is 0.05 · (2 · 5.0 − r_0 − r_10) = 0.05 · 9 = 0.45.
        double[] r = {1, 0.9, 0.9, 0.5, 0.5, 0.5, 0.2, 0.2, 0.2, 0.1, 0};

        assertThat(multiBenchRelative(r)).isCloseTo(0.45, within(1e-12));
        assertThat(Robustness.relative(ELEVEN, r)).isCloseTo(0.45, within(1e-12));
        assertThat(Robustness.relative(ELEVEN, r)).as("its levels span 1: the same as AUILC")
                .isCloseTo(Auilc.of(ELEVEN, r), within(1e-12));
    }

    @Test
    void relativeRobustnessOfALineIsItsValueAtTheMidLevel() {
        // m(σ) = 0.9 − 0.2σ over unevenly spaced σ in [0, 2]: area 1.4, range 2, mean m(1) = 0.7.
        double[] sigmas = {0, 0.25, 0.5, 0.75, 1.0, 2.0};
        double[] values = new double[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            values[i] = 0.9 - 0.2 * sigmas[i];
        }

        assertThat(Auilc.of(sigmas, values)).isCloseTo(1.4, within(1e-12));
        assertThat(Robustness.relative(sigmas, values)).isCloseTo(0.7, within(1e-12));
        // A constant curve's relative robustness is the constant, whatever the levels.
        assertThat(Robustness.relative(new double[] {0.2, 0.6}, new double[] {0.8, 0.8}))
                .isCloseTo(0.8, within(1e-12));
    }

    @Test
    void gapsAreMultiBenchsCurveMinusTheShiftedReference() {
        // f = [0.8, 0.7, 0.5], lf = [0.9, 0.85, 0.8]: beta_f = lf − 0.1 = [0.8, 0.75, 0.7],
        // f − beta_f = [0, −0.05, −0.2].
        double[] f = {0.8, 0.7, 0.5};
        double[] lf = {0.9, 0.85, 0.8};

        assertThat(Robustness.gaps(f, lf)).containsExactly(new double[] {0, -0.05, -0.2}, within(1e-12));
        assertThat(multiBenchEffective(f, lf)).isCloseTo(-0.25, within(1e-12));
        // Our area over [0, 0.5, 1]: 0.5 · (0 − 0.05) / 2 + 0.5 · (−0.05 − 0.2) / 2 = −0.075.
        assertThat(Robustness.effective(new double[] {0, 0.5, 1}, f, lf)).isCloseTo(-0.075, within(1e-12));
    }

    @Test
    void onElevenLevelsMultiBenchsSumIsTenTimesTheAreaPlusHalfTheLastGap() {
        double[] f = {0.80, 0.79, 0.77, 0.76, 0.70, 0.69, 0.66, 0.60, 0.55, 0.52, 0.50};
        double[] lf = {0.85, 0.83, 0.80, 0.76, 0.72, 0.66, 0.61, 0.55, 0.50, 0.44, 0.40};
        double[] gaps = Robustness.gaps(f, lf);

        assertThat(multiBenchEffective(f, lf)).isCloseTo(10 * Robustness.effective(ELEVEN, f, lf)
                + gaps[10] / 2, within(1e-12));
    }

    @Test
    void effectiveRobustnessClosedForms() {
        double[] levels = {0, 0.5, 1};
        // A curve parallel to the reference is exactly as robust: 0.
        assertThat(Robustness.effective(levels, new double[] {0.9, 0.7, 0.4}, new double[] {0.6, 0.4, 0.1}))
                .isCloseTo(0, within(1e-12));
        // A flat curve against a reference falling linearly by b = 0.3: gaps 0.3σ, area over [0, 1] is b/2.
        assertThat(Robustness.effective(levels, new double[] {0.5, 0.5, 0.5}, new double[] {0.8, 0.65, 0.5}))
                .isCloseTo(0.15, within(1e-12));
        // Against itself: 0.
        double[] curve = {0.7, 0.2, 0.1};
        assertThat(Robustness.effective(levels, curve, curve)).isCloseTo(0, within(1e-12));
    }

    @Test
    void refusesCurvesOfDifferentLengthsOrTooFewLevels() {
        assertThatThrownBy(() -> Robustness.gaps(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("effective robustness needs two curves over the same levels, got 2 and 1 values");
        assertThatThrownBy(() -> Robustness.relative(new double[] {0}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two rates");
    }
}
