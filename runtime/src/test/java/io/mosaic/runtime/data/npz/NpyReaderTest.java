package io.mosaic.runtime.data.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyReaderTest {

    /** An .npy file as numpy.save writes it: magic, version, header length, header, data. */
    private static byte[] npy(int major, String header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        byte[] text = (header + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            length.putShort((short) text.length);
        } else {
            length.putInt(text.length);
        }
        out.writeBytes(length.array());
        out.writeBytes(text);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static NdArray read(byte[] file) throws IOException {
        return NpyReader.read(new ByteArrayInputStream(file), file.length);
    }

    private static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    @Test
    void readsVersionOneAndTwoHeaders() throws IOException {
        byte[] data = floats(1, 2, 3, 4, 5, 6);
        NdArray v1 = read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data));
        NdArray v2 = read(npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data));

        assertThat(v1.shape()).containsExactly(2, 3);
        assertThat(((NumericArray) v1).get(5)).isEqualTo(6);
        assertThat(((NumericArray) v2).get(4)).isEqualTo(5);
    }

    @Test
    void readsOneDimensionalAndScalarShapesAndUnicode() throws IOException {
        NdArray vector = read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", floats(7, 8)));
        NdArray scalar = read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", floats(9)));
        byte[] ids = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt('i').putInt('d').array();
        NdArray text = read(npy(3, "{'descr': '<U2', 'fortran_order': False, 'shape': (1,), }", ids));

        assertThat(vector.shape()).containsExactly(2);
        assertThat(scalar.shape()).isEmpty();
        assertThat(((NumericArray) scalar).get(0)).isEqualTo(9);
        assertThat(((TextArray) text).get(0)).isEqualTo("id");
    }

    @Test
    void refusesFortranOrderObjectArraysAndStructuredTypes() {
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                floats(1, 2, 3, 4, 5, 6)))).hasMessageContaining("Fortran-order array [2, 3] is not supported");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
                new byte[8]))).hasMessageContaining("object array [1] is not read");
        assertThatThrownBy(() -> read(npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                floats(1)))).hasMessageContaining("has no 'descr' that is a type string");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }",
                new byte[8]))).hasMessageContaining("'>f8'");
    }

    @Test
    void aHeaderThatPromisesMoreDataThanFollowsFailsBeforeReading() {
        byte[] file = npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000,), }", new byte[16]);

        assertThatThrownBy(() -> read(file)).isInstanceOf(EOFException.class)
                .hasMessageContaining("promises 8000000000 bytes").hasMessageContaining("only 16 follow");
    }

    @Test
    void refusesOtherFilesAndVersions() {
        assertThatThrownBy(() -> read("PK\3\4 not npy".getBytes(StandardCharsets.ISO_8859_1)))
                .hasMessageContaining("not an .npy array");
        byte[] v4 = npy(1, "{}", new byte[0]);
        v4[6] = 4;
        assertThatThrownBy(() -> read(v4)).hasMessageContaining("unsupported .npy version 4.0");
    }

    @Test
    void aShapeWhoseSizeOverflowsIsRefusedBeforeReading() {
        byte[] file = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (64, 1073741824, 268435456), }",
                new byte[0]);

        assertThatThrownBy(() -> read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [64, 1073741824, 268435456] claims more than 2^60 elements");
    }

    @Test
    void aHeaderLongerThanTheMemberIsRefusedBeforeReadingIt() {
        byte[] file = npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(1));
        // Header length 1,000,000 in a member of 70-odd bytes.
        ByteBuffer.wrap(file, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(1_000_000);

        assertThatThrownBy(() -> read(file)).isInstanceOf(EOFException.class)
                .hasMessage("the .npy header claims 1000000 bytes, only " + (file.length - 12) + " follow");
    }
}
