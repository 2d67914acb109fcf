package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.NpyReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyHeaderTest {

    @Test
    void matchesNumpysHeaderByteForByte() {
        // numpy.lib.format.write_array_header_1_0 for a float32 (2, 3) array: 128 bytes, 58 spaces of padding.
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        byte[] expected = ("\u0093NUMPY\u0001\u0000v\u0000" + dict + " ".repeat(58) + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(NpyHeader.of(DType.FLOAT32, new int[] {2, 3})).containsExactly(expected);
    }

    @Test
    void writesOneDimensionalAndScalarShapesAsPythonTuples() {
        assertThat(text(NpyHeader.of(new DType(DType.Kind.UNICODE, 36), new int[] {5})))
                .contains("{'descr': '<U9', 'fortran_order': False, 'shape': (5,), }");
        assertThat(text(NpyHeader.of(DType.INT64, new int[0])))
                .contains("{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
    }

    @Test
    void padsAFullSixtyFourBytesWhereTheDictIsAlreadyAligned() {
        // 10 bytes of preamble + a 117-character dict + the newline = 128: NumPy still pads 64 spaces (192 bytes).
        int[] shape = new int[20];
        Arrays.fill(shape, 1);
        shape[19] = 10004;

        byte[] header = NpyHeader.of(DType.FLOAT32, shape);

        assertThat(header).hasSize(192);
        assertThat(text(header)).endsWith("4), " + "}" + " ".repeat(64) + "\n");
    }

    @Test
    void aHeaderBeyondSixtyFourKibibytesTakesVersionTwo() throws IOException {
        int[] shape = new int[30_000];
        Arrays.fill(shape, 1);

        byte[] header = NpyHeader.of(DType.FLOAT32, shape);
        NdArray array = NpyReader.read(new ByteArrayInputStream(concat(header, new byte[4])), header.length + 4);

        assertThat(header[6]).isEqualTo((byte) 2);
        assertThat(header.length % 64).isZero();
        assertThat(array.shape()).hasSize(30_000);
    }

    private static String text(byte[] header) {
        return new String(header, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
