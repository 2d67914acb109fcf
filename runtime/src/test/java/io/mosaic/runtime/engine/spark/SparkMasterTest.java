package io.mosaic.runtime.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkMasterTest {
    private static final int CORES = 8;

    @Test
    void aLocalMasterRunsItsNumberOfRunsAtOnceEachTryingATaskFourTimes() {
        SparkMaster master = SparkMaster.parse("local[2]", CORES);

        assertThat(master.local()).isTrue();
        assertThat(master.localRuns()).isEqualTo(2);
        assertThat(master.sparkUrl()).as("a bare local[N] would try a task once").isEqualTo("local[2,4]");
        assertThat(master.attempts()).isEqualTo(4);
        assertThat(master.threadsPerRun(CORES)).as("8 cores shared by 2 runs").isEqualTo(4);
        assertThat(master.threadsPerRun(3)).as("3 cores shared by 2 runs, rounded down").isEqualTo(1);
    }

    @Test
    void localStarIsOneRunPerCoreAndLocalAloneIsOne() {
        assertThat(SparkMaster.parse("local[*]", CORES).sparkUrl()).isEqualTo("local[8,4]");
        assertThat(SparkMaster.parse("local[*]", CORES).threadsPerRun(CORES)).isEqualTo(1);
        assertThat(SparkMaster.parse("local", CORES).sparkUrl()).isEqualTo("local[1,4]");
        assertThat(SparkMaster.parse("local", CORES).threadsPerRun(CORES)).isEqualTo(8);
    }

    @Test
    void theUsersOwnAttemptsAreKept() {
        SparkMaster master = SparkMaster.parse("local[3,2]", CORES);

        assertThat(master.sparkUrl()).isEqualTo("local[3,2]");
        assertThat(master.attempts()).isEqualTo(2);
    }

    @Test
    void aClusterIsGivenAsItIsWithOneThreadPerRunUnlessTasksHaveMoreCpus() {
        SparkMaster master = SparkMaster.parse("spark://head:7077", CORES);

        assertThat(master.local()).isFalse();
        assertThat(master.sparkUrl()).isEqualTo("spark://head:7077");
        assertThat(master.attempts()).isEqualTo(4);
        assertThat(master.threadsPerRun(CORES)).isEqualTo(1);
        assertThat(SparkMaster.parse("yarn", CORES).sparkUrl()).isEqualTo("yarn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "local[0]", "local[x]", "local[2,0]", "local[2", "localhost:7077",
            "spark://", "-1", "local[99999]", "spark://a b"})
    void anythingElseIsRefusedSayingWhatIsExpected(String url) {
        assertThatThrownBy(() -> SparkMaster.parse(url, CORES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--master ");
    }

    @Test
    void aLongRefusedMasterIsCutInTheMessage() {
        String url = "local[" + "9".repeat(500) + "]";

        assertThatThrownBy(() -> SparkMaster.parse(url, CORES)).hasMessageNotContaining("9".repeat(100));
    }
}
