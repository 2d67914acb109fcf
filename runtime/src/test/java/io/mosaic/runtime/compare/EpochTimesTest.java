package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochTimesTest {

    @TempDir
    Path runs;

    @Test
    void speedIsTakenOverEveryEpochOfEveryRun() {
        RunFolder first = RunFolder.named(runs, "seed-1");
        first.writeText(RunFolder.EPOCHS, """
                epoch,stage,train_loss,valid_loss,valid_mae,seconds,samples_per_second,improved,resident_mb
                1,main,1.0,1.0,0.9,5.000,100.0,true,300
                2,main,0.9,,0.8,1.000,300.0,false,310
                """);
        RunFolder second = RunFolder.named(runs, "seed-2");
        second.writeText(RunFolder.EPOCHS, """
                epoch,stage,train_loss,valid_loss,valid_mae,seconds,samples_per_second,improved,resident_mb
                1,main,1.0,1.0,0.9,2.000,200.0,true,300
                """);

        EpochTimes times = EpochTimes.of(List.of(first, second));

        // Seconds {5, 1, 2}: median 2 (the warm-up epoch does not move it); throughput (100 + 300 + 200) / 3.
        assertThat(times.medianSecondsPerEpoch()).isEqualTo(2.0);
        assertThat(times.meanSamplesPerSecond()).isCloseTo(200.0, within(1e-12));
    }

    @Test
    void aLogWithoutTheTimeColumnIsRefused() {
        RunFolder run = RunFolder.named(runs, "seed-1");
        run.writeText(RunFolder.EPOCHS, "epoch,stage\n1,main\n");

        assertThatThrownBy(() -> EpochTimes.of(List.of(run))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'seconds'");
    }
}
