package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.run.EpochTable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingCurveTest {
    private static final String HEADER = "epoch,stage,train_loss,valid_loss,valid_mae,seconds\n";

    private static EpochTable seed(String rows) {
        return EpochTable.parse(HEADER + rows, "seed");
    }

    @Test
    void eachEpochIsTheMeanOverTheSeedsThatReachedIt() {
        EpochTable first = seed("""
                1,main,2.0,1.9,1.0,1.0
                2,main,1.0,1.1,0.8,1.0
                3,main,0.5,1.0,0.7,1.0
                """);
        EpochTable second = seed("""
                1,main,4.0,3.0,2.0,1.0
                2,main,2.0,2.0,1.2,1.0
                """);

        TrainingCurve curve = TrainingCurve.of("mae", List.of(first, second));

        assertThat(curve.selection()).isEqualTo("mae");
        assertThat(curve.epochs()).containsExactly(1, 2, 3);
        // Epochs 1 and 2 average both seeds, (2 + 4) / 2 and (1 + 2) / 2; epoch 3 is the first seed's alone.
        assertThat(curve.trainLoss()).containsExactly(3.0, 1.5, 0.5);
        assertThat(curve.validSelection()).containsExactly(1.5, 1.0, 0.7);
        assertThat(curve.seeds()).containsExactly(2, 2, 1);
    }

    @Test
    void anEmptyCellIsLeftOutOfTheMeanAndAnEpochWithoutNumbersHasNone() {
        EpochTable first = seed("""
                1,main,2.0,1.9,,1.0
                2,main,1.0,1.1,,1.0
                """);
        EpochTable second = seed("1,main,4.0,3.0,3.0,1.0\n");

        TrainingCurve curve = TrainingCurve.of("mae", List.of(first, second));

        assertThat(curve.validSelection()).isEqualTo(Arrays.asList(3.0, null));
    }

    @Test
    void theSelectionMetricIsReadFromItsValidationColumn() {
        TrainingCurve curve = TrainingCurve.of("loss", List.of(seed("1,main,2.0,1.9,1.0,1.0\n")));

        assertThat(curve.validSelection()).containsExactly(1.9);
    }

    @Test
    void aLogWithoutTheSelectionMetricIsRefused() {
        assertThatThrownBy(() -> TrainingCurve.of("acc7", List.of(seed("1,main,2.0,1.9,1.0,1.0\n"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'valid_acc7'");
    }
}
