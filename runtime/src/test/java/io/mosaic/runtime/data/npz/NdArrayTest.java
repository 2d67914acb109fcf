package io.mosaic.runtime.data.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdArrayTest {

    private static ByteData bytes(int size, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(buffer);
        return ByteData.wrap(buffer.array());
    }

    @Test
    void numericArraysConvertEveryTypeToFloat32InCOrder() {
        NumericArray f8 = new NumericArray(DType.FLOAT64, new int[] {2, 2},
                bytes(32, b -> b.putDouble(1.5).putDouble(-2).putDouble(1e-3).putDouble(7)));
        NumericArray i8 = new NumericArray(DType.INT64, new int[] {2}, bytes(16, b -> b.putLong(-3).putLong(1L << 40)));
        NumericArray i4 = new NumericArray(DType.INT32, new int[] {2}, bytes(8, b -> b.putInt(5).putInt(-6)));
        NumericArray b1 = new NumericArray(DType.BOOL, new int[] {3}, bytes(3, b -> b.put((byte) 1).put((byte) 0)
                .put((byte) 2)));

        float[] row = new float[2];
        f8.copyTo(2, row, 0, 2);
        assertThat(row).containsExactly(1e-3f, 7f);
        assertThat(f8.get(1)).isEqualTo(-2);
        assertThat(i8.get(1)).isEqualTo(1L << 40);
        assertThat(i8.get(0)).isEqualTo(-3);
        assertThat(i4.get(1)).isEqualTo(-6);
        assertThat(new double[] {b1.get(0), b1.get(1), b1.get(2)}).containsExactly(1, 0, 1);
        assertThat(f8.describe()).isEqualTo("float64 [2, 2]");
        assertThat(f8.size()).isEqualTo(4);
        assertThat(f8.dimension(1)).isEqualTo(2);
    }

    @Test
    void numericArraysNeedExactlyTheirBytesAndStayInRange() {
        assertThatThrownBy(() -> new NumericArray(DType.FLOAT32, new int[] {2, 3}, ByteData.wrap(new byte[20])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("float32 array of shape [2, 3] needs 24 bytes, found 20");
        assertThatThrownBy(() -> new NumericArray(DType.OBJECT, new int[] {1}, ByteData.wrap(new byte[8])))
                .hasMessageContaining("cannot hold object");
        NumericArray array = new NumericArray(DType.FLOAT32, new int[] {2}, ByteData.wrap(new byte[8]));
        assertThatThrownBy(() -> array.copyTo(1, new float[2], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unicodeArraysStripNumPysTrailingNulsAndKeepOtherCharacters() {
        // <U3: 'ab', 'ü😀' (a code point beyond the BMP) and ''.
        ByteData data = bytes(36, b -> b.putInt('a').putInt('b').putInt(0)
                .putInt('ü').putInt(0x1F600).putInt(0)
                .putInt(0).putInt(0).putInt(0));

        TextArray text = TextArray.unicode(DType.parse("<U3"), new int[] {3}, data);

        assertThat(new String[] {text.get(0), text.get(1), text.get(2)}).containsExactly("ab", "ü😀", "");
        assertThat(text.describe()).isEqualTo("<U3 [3]");
    }

    @Test
    void objectArraysMustHoldStrings() {
        assertThat(TextArray.objects(new int[] {2}, List.of("x", "yy")).get(1)).isEqualTo("yy");
        assertThatThrownBy(() -> TextArray.objects(new int[] {2}, Arrays.asList("x", 3L)))
                .hasMessage("object array element 1 is an int; only str elements are read");
        assertThatThrownBy(() -> TextArray.objects(new int[] {3}, List.of("x")))
                .hasMessageContaining("needs 3 elements, found 1");
    }

    @Test
    void shapesWhoseElementCountOverflowsAreRefusedNotWrapped() {
        // 64 x 2^30 x 2^28 = 2^64 elements, which a plain long product wraps to 0.
        int[] shape = {64, 1 << 30, 1 << 28};

        assertThatThrownBy(() -> NdArray.sizeOf(shape))
                .hasMessage("shape [64, 1073741824, 268435456] claims more than 2^60 elements");
        assertThatThrownBy(() -> new NumericArray(DType.FLOAT32, shape, ByteData.wrap(new byte[0])))
                .hasMessage("shape [64, 1073741824, 268435456] claims more than 2^60 elements");
        assertThatThrownBy(() -> NdArray.bytesOf(new DType(DType.Kind.UNICODE, 1 << 30), new int[] {1 << 30, 64}))
                .hasMessage("<U268435456 array of shape [1073741824, 64] claims more than 2^63 bytes");
        assertThat(NdArray.sizeOf(new int[] {0, 1 << 30, 1 << 30})).isZero();
    }
}
