package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DomainsTest {

    private static Planting shift(double labelShift) {
        return new Planting(labelShift, 1.5, 1, 1, 0.25, 0.15, 0.8, 3, 0.05, 2, 0.3, 0.1);
    }

    @Test
    void threeDomainsLeanAlternatelyWithWeakeningMeans() {
        Domains domains = new Domains(3, shift(1.2));

        assertThat(new int[] {domains.lean(0), domains.lean(1), domains.lean(2)}).containsExactly(1, -1, 1);
        // labelShift·s_d·(D − d)/D = 1.2·(1, −2/3, 1/3).
        assertThat(domains.meanScore(0)).isCloseTo(1.2, within(1e-12));
        assertThat(domains.meanScore(1)).isCloseTo(-0.8, within(1e-12));
        assertThat(domains.meanScore(2)).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void spuriousFactorsFallFromPlusOneToMinusOne() {
        Domains three = new Domains(3, shift(1));
        Domains two = new Domains(2, shift(1));

        assertThat(new double[] {three.spuriousFactor(0), three.spuriousFactor(1), three.spuriousFactor(2)})
                .containsExactly(1, 0, -1);
        assertThat(new double[] {two.spuriousFactor(0), two.spuriousFactor(1)}).containsExactly(1, -1);
        assertThat(new Domains(1, shift(1)).spuriousFactor(0)).isEqualTo(1);
    }

    @Test
    void scoresStayInRangeAndCentreOnTheMeanWhenTruncationIsSymmetric() {
        Domains domains = new Domains(1, shift(0));
        SplittableRandom random = new SplittableRandom(5);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double score = domains.drawScore(random, 0);
            assertThat(score).isBetween(-3.0, 3.0);
            sum += score;
        }

        // The standard deviation of the mean is below 1.5/sqrt(20000) ≈ 0.011.
        assertThat(sum / n).isCloseTo(0, within(0.05));
    }

    @Test
    void truncationPullsAShiftedMeanTowardZero() {
        Domains domains = new Domains(1, shift(2));
        SplittableRandom random = new SplittableRandom(6);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            sum += domains.drawScore(random, 0);
        }

        // N(2, 1.5²) truncated to [−3, 3]: the mean is 2 + 1.5·(φ(α) − φ(β))/(Φ(β) − Φ(α)), α = −10/3, β = 2/3,
        // which is 2 + 1.5·(0.0015 − 0.3194)/0.7471 ≈ 1.362.
        assertThat(sum / n).isCloseTo(1.362, within(0.03));
    }

    @Test
    void anUnknownDomainIsRejected() {
        assertThatThrownBy(() -> new Domains(3, shift(1)).lean(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("domain 3 is outside [0, 3)");
    }
}
