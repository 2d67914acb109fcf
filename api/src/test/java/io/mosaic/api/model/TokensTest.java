package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void theAttentionMaskIsOneBeforeEachLengthAndZeroAfter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Tokens tokens = new Tokens(manager.create(new long[] {101, 7, 102, 0, 101, 102, 0, 0}, new Shape(2, 4)),
                    manager.create(new long[] {3, 2}));
            assertThat(tokens.attentionMask().getDataType()).isEqualTo(DataType.INT64);
            assertThat(tokens.attentionMask().toLongArray()).containsExactly(1, 1, 1, 0, 1, 1, 0, 0);
        }
    }

    @Test
    void idsMustBeBatchByPosition() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Tokens(manager.create(new long[] {1, 2}), manager.create(new long[] {2})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[B, T]");
        }
    }
}
