package io.mosaic.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochTableTest {

    @TempDir
    Path runs;

    @Test
    void aRunsLogIsReadColumnByColumnWithEmptyCellsAsNotANumber() {
        RunFolder run = RunFolder.named(runs, "seed-1");
        run.writeText(RunFolder.EPOCHS, "epoch,train_loss,valid_loss\n1,0.5,\n2,0.25,0.75\n");

        EpochTable table = EpochTable.of(run);

        assertThat(table.header()).containsExactly("epoch", "train_loss", "valid_loss");
        assertThat(table.numbers("train_loss")).containsExactly(0.5, 0.25);
        assertThat(table.numbers("valid_loss")).containsExactly(Double.NaN, 0.75);
    }

    @Test
    void aRowWithAnotherNumberOfCellsIsRefused() {
        assertThatThrownBy(() -> EpochTable.parse("epoch,train_loss\n1,0.5,9\n", "seed-1/epochs.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed-1/epochs.csv: row '1,0.5,9' has 3 cells, the header 2");
    }

    @Test
    void anEmptyLogIsRefused() {
        assertThatThrownBy(() -> EpochTable.parse("\n", "seed-1/epochs.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is empty");
    }

    @Test
    void anAbsentColumnIsRefusedNamingTheColumnsThereAre() {
        EpochTable table = EpochTable.parse("epoch,train_loss\n1,0.5\n", "seed-1/epochs.csv");

        assertThatThrownBy(() -> table.numbers("seconds")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed-1/epochs.csv has no column 'seconds'; its columns are [epoch, train_loss]");
    }
}
