package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.train.EpochRecord;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobProgressTest {

    @Test
    void followsEpochsAndBatches() {
        JobProgress progress = new JobProgress();
        assertThat(progress.snapshot().lastLoss()).isNull();

        progress.epochStarted(1, 3, "train", 5);
        progress.batchFinished(2.5);
        progress.batchFinished(1.5);
        EpochRecord record = new EpochRecord(1, "train", 2.0, 1.8, Map.of("mae", 0.9), 1.2, 40, true, 700, Map.of(),
                Map.of());
        progress.epochFinished(record, "mae");
        progress.epochStarted(2, 3, "train", 5);

        JobProgress.Snapshot snapshot = progress.snapshot();
        assertThat(snapshot.epoch()).isEqualTo(2);
        assertThat(snapshot.totalEpochs()).isEqualTo(3);
        assertThat(snapshot.batch()).isZero();
        assertThat(snapshot.batches()).isEqualTo(5);
        assertThat(snapshot.lastLoss()).isEqualTo(1.5);
        assertThat(snapshot.epochs()).containsExactly(record);
    }

    @Test
    void theTimeLeftIsTheMeanEpochTimeTimesTheEpochsLeftAndTheNextRunOfAComparisonStartsItsOwnCurve() {
        JobProgress progress = new JobProgress();
        assertThat(progress.snapshot().secondsLeft()).isNull();
        assertThat(progress.snapshot().meanEpochSeconds()).isNull();

        progress.epochStarted(1, 5, "train", 2);
        progress.epochFinished(epoch(1, 2.0), "mae");
        progress.epochStarted(2, 5, "train", 2);
        progress.epochFinished(epoch(2, 4.0), "mae");

        JobProgress.Snapshot twoDone = progress.snapshot();
        assertThat(twoDone.selection()).isEqualTo("mae");
        assertThat(twoDone.meanEpochSeconds()).isEqualTo(3.0);
        assertThat(twoDone.secondsLeft()).as("(2 + 4) / 2 s per epoch, 3 epochs left").isEqualTo(9.0);

        progress.epochStarted(1, 5, "train", 2);
        assertThat(progress.snapshot().epochs()).as("the comparison's next run").isEmpty();
        progress.epochFinished(epoch(1, 1.0), "mae");
        assertThat(progress.snapshot().epochs()).extracting(EpochRecord::seconds).containsExactly(1.0);
        assertThat(progress.snapshot().secondsLeft()).isEqualTo(4.0);
    }

    @Test
    void aStopIsRequestedWithItsReason() {
        JobProgress progress = new JobProgress();
        assertThat(progress.stopRequested()).isEmpty();

        progress.stop("cancelled");

        assertThat(progress.stopRequested()).contains("cancelled");
    }

    private static EpochRecord epoch(int epoch, double seconds) {
        return new EpochRecord(epoch, "train", 1.0, 1.0, Map.of("mae", 0.5), seconds, 10, true, 700, Map.of(),
                Map.of());
    }

    @Test
    void keepsTheLatestTwentyMessages() {
        JobProgress progress = new JobProgress();
        IntStream.rangeClosed(1, 25).forEach(i -> progress.message("m" + i));

        assertThat(progress.snapshot().messages()).hasSize(20).startsWith("m6").endsWith("m25");
    }

    @Test
    void aNonFiniteLossIsReportedAsNone() {
        JobProgress progress = new JobProgress();
        progress.batchFinished(Double.NaN);

        assertThat(progress.snapshot().lastLoss()).isNull();
        assertThat(progress.snapshot().batch()).isEqualTo(1);
    }
}
