package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.TextArray;
import io.mosaic.runtime.data.pickle.SafeUnpickler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickleOpcodesTest {

    @TempDir
    Path dir;

    /** {'a': numpy.array([1.5, -2.0], dtype=float32)} as NumPy 1.x pickles it with protocol 4 (without memo). */
    private static final String FLOAT_ARRAY = String.join("",
            "8004", "7d", "28", "8c0161",                         // PROTO 4, EMPTY_DICT, MARK, 'a'
            "8c156e756d70792e636f72652e6d756c74696172726179",     // 'numpy.core.multiarray'
            "8c0c5f7265636f6e737472756374", "93",                 // '_reconstruct', STACK_GLOBAL
            "8c056e756d7079", "8c076e646172726179", "93",         // 'numpy', 'ndarray', STACK_GLOBAL
            "4b0085", "430162", "87", "52",                       // (0,), b'b', TUPLE3, REDUCE
            "28", "4b01", "28" + "4b02" + "74",                   // MARK, 1, (2,)
            "8c056e756d7079", "8c056474797065", "93",             // 'numpy', 'dtype', STACK_GLOBAL
            "8c026634", "89", "88", "87", "52",                   // 'f4', False, True, TUPLE3, REDUCE
            "28", "4b03", "8c013c", "4e4e4e",                     // MARK, 3, '<', None, None, None
            "4affffffff", "4affffffff", "4b00", "74", "62",       // -1, -1, 0, TUPLE, BUILD
            "89", "8e" + "0800000000000000",                      // False, BINBYTES8 of 8 bytes
            "0000c03f" + "000000c0",                              // 1.5, -2.0 (little-endian float32)
            "74", "62", "75", "2e");                              // TUPLE, BUILD, SETITEMS, STOP

    @Test
    void writesAnArrayAsNumpyOneDoesWithProtocolFour() {
        Framing framing = new Framing();
        PickleOpcodes pickle = new PickleOpcodes(framing);

        pickle.protocol4().emptyDict().mark().text("a").openArray(DType.FLOAT32, new int[] {2}, 8);
        framing.bytes(floats(1.5f, -2f));
        pickle.closeArray().setItems().stop();

        assertThat(HexFormat.of().formatHex(framing.take())).isEqualTo(FLOAT_ARRAY);
    }

    @Test
    void theSafeUnpicklerReadsWhatItWrites() throws IOException {
        Framing framing = new Framing();
        PickleOpcodes pickle = new PickleOpcodes(framing);
        pickle.protocol4().emptyDict().mark();
        pickle.text("f").openArray(DType.FLOAT32, new int[] {1, 2}, 8);
        framing.bytes(floats(0.25f, 300f));
        pickle.closeArray();
        pickle.text("i").openArray(DType.INT64, new int[0], 8);
        framing.u64(-7);
        pickle.closeArray();
        pickle.text("u").openArray(new DType(DType.Kind.UNICODE, 12), new int[] {2}, 24);
        framing.u32('h').u32('i').u32(0).u32('ü').u32(0).u32(0);
        pickle.closeArray();
        pickle.text("x".repeat(300)).openArray(DType.FLOAT32, new int[] {70_000}, 280_000);
        framing.bytes(new byte[280_000]);
        pickle.closeArray().setItems().stop();
        Path file = Files.write(dir.resolve("values.pkl"), framing.take());

        Map<?, ?> values = (Map<?, ?>) SafeUnpickler.load(file);

        NumericArray f = (NumericArray) values.get("f");
        assertThat(f.shape()).containsExactly(1, 2);
        assertThat(f.get(0)).isEqualTo(0.25);
        assertThat(f.get(1)).isEqualTo(300.0);
        NumericArray i = (NumericArray) values.get("i");
        assertThat(i.dtype()).isEqualTo(DType.INT64);
        assertThat(i.get(0)).isEqualTo(-7.0);
        TextArray u = (TextArray) values.get("u");
        assertThat(u.dtype().toString()).isEqualTo("<U3");
        assertThat(u.get(0)).isEqualTo("hi");
        assertThat(u.get(1)).isEqualTo("ü");
        assertThat(((NumericArray) values.get("x".repeat(300))).shape()).containsExactly(70_000);
    }

    private static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }
}
