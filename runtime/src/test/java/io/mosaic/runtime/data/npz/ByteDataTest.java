package io.mosaic.runtime.data.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ByteDataTest {

    private static byte[] littleEndianFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    @Test
    void readsFloatsAcrossChunkBoundaries() throws IOException {
        float[] values = {1, -2, 3.5f, 4, 5, 6, 7, 8.25f, 9};
        // Chunks of 8 bytes hold two floats: a run of 7 floats from float 1 crosses four chunks.
        ByteData data = ByteData.read(new ByteArrayInputStream(littleEndianFloats(values)), 36, 3);

        float[] target = new float[9];
        data.getFloats(4, target, 2, 7);

        assertThat(target).containsExactly(0, 0, -2, 3.5f, 4, 5, 6, 7, 8.25f);
        assertThat(data.getFloat(32)).isEqualTo(9);
        assertThat(data.length()).isEqualTo(36);
        assertThat(data.toArray()).containsExactly(littleEndianFloats(values));
    }

    @Test
    void readsLittleEndianIntegersAndDoubles() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(-7).putInt(0x01020304).putLong(1L << 40).putDouble(-0.1);
        ByteData data = ByteData.read(new ByteArrayInputStream(buffer.array()), 24, 3);

        assertThat(data.getInt(0)).isEqualTo(-7);
        assertThat(data.getInt(4)).isEqualTo(0x01020304);
        assertThat(data.get(4)).isEqualTo((byte) 4);
        assertThat(data.getLong(8)).isEqualTo(1L << 40);
        assertThat(data.getDouble(16)).isEqualTo(-0.1);
    }

    @Test
    void aShortStreamIsAnEndOfFile() {
        assertThatThrownBy(() -> ByteData.read(new ByteArrayInputStream(new byte[10]), 12))
                .isInstanceOf(EOFException.class).hasMessageContaining("after 10 of 12 bytes");
    }

    @Test
    void readsOutsideTheDataAreRefused() {
        ByteData data = ByteData.wrap(new byte[4]);

        assertThatThrownBy(() -> data.get(4)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("byte 4 is outside [0, 4)");
        assertThat(ByteData.wrap(new byte[0]).length()).isZero();
    }
}
