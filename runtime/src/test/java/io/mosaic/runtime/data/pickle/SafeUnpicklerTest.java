package io.mosaic.runtime.data.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.data.npz.ByteData;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.TextArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnpicklerTest {
    /** The file the malicious fixtures would create if anything ran them. */
    private static final Path MARKER = Path.of("/tmp/mosaic-unpickler-must-not-create-this");

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(SafeUnpicklerTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pickle bytes from opcodes and raw bytes (ints) and ASCII text (strings). */
    private static byte[] pickle(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }

    private static Object load(byte[] bytes) throws IOException {
        return SafeUnpickler.load("test.pkl", new ByteArrayInputStream(bytes), bytes.length);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadMap(String resource) {
        return (Map<String, Object>) SafeUnpickler.load(resource(resource));
    }

    private static double[] values(NumericArray array) {
        double[] values = new double[(int) array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i);
        }
        return values;
    }

    @Test
    void readsEverySupportedTypeOfANumpy2Pickle() {
        // numpy-types-p4.pkl, written by make-fixtures.py with the values asserted here.
        Map<String, Object> value = loadMap("numpy-types-p4.pkl");

        assertThat(values((NumericArray) value.get("f4"))).containsExactly(1.5, -2.25);
        NumericArray f8 = (NumericArray) value.get("f8");
        assertThat(f8.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(f8.shape()).containsExactly(1, 2);
        assertThat(values(f8)).containsExactly(1e300, -0.1);
        assertThat(values((NumericArray) value.get("i4"))).containsExactly(-7, Integer.MAX_VALUE);
        assertThat(values((NumericArray) value.get("i8"))).containsExactly((1L << 40) + 1, -5);
        assertThat(values((NumericArray) value.get("b1"))).containsExactly(1, 0, 1);
        TextArray unicode = (TextArray) value.get("u");
        assertThat(unicode.dtype()).hasToString("<U6");
        assertThat(List.of(unicode.get(0), unicode.get(1), unicode.get(2))).containsExactly("ab", "ümlaut", "");
        TextArray objects = (TextArray) value.get("o");
        assertThat(List.of(objects.get(0), objects.get(1))).containsExactly("x", "yy");
        assertThat(value).containsEntry("s4", 0.5).containsEntry("s8", -3L).containsEntry("sb", true)
                .containsEntry("su", "hi");
        @SuppressWarnings("unchecked")
        List<Object> plain = (List<Object>) value.get("plain");
        assertThat(plain.subList(0, 7)).containsExactly(1L, BigInteger.ONE.shiftLeft(70), -3L, 1.5, null, true,
                List.of(1L, "two"));
        assertThat(((ByteData) plain.get(7)).toArray()).containsExactly("raw".getBytes(StandardCharsets.US_ASCII));
        assertThat(plain.get(8)).isEqualTo("text");
    }

    @Test
    void readsNumpy1ArraysOfTheMmsaFixture() {
        // The shared fixture: protocol 4, numpy.core.multiarray._reconstruct, float32; values printed with numpy.
        Map<String, Object> value = loadMap("mmsa-mosi-like-tiny.pkl");

        assertThat(value).containsOnlyKeys("train", "valid", "test");
        @SuppressWarnings("unchecked")
        Map<String, Object> train = (Map<String, Object>) value.get("train");
        NumericArray text = (NumericArray) train.get("text");
        assertThat(text.shape()).containsExactly(6, 50, 768);
        assertThat(text.get(0)).isEqualTo(-0.20593033730983734);
        assertThat(((TextArray) train.get("id")).get(1)).isEqualTo("vid1$_$1");
        assertThat(train.get("audio_lengths")).isEqualTo(List.of(336L, 68L, 38L, 333L, 10L, 27L));
    }

    @Test
    void readsProtocol2BytesAndNumpyScalars() {
        // mmsa-sims-like-p2.pkl: GLOBAL opcodes, array bytes as _codecs.encode(..., 'latin1'), lengths as a list of
        // numpy.int64 scalars: audio_lengths [6, 3, 4], audio[0, 0, 1] == 0.9020867347717285.
        @SuppressWarnings("unchecked")
        Map<String, Object> train = (Map<String, Object>) loadMap("mmsa-sims-like-p2.pkl").get("train");

        assertThat(train.get("audio_lengths")).isEqualTo(List.of(6L, 3L, 4L));
        NumericArray audio = (NumericArray) train.get("audio");
        assertThat(audio.get(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(audio.get(1)).isEqualTo(0.9020867347717285);
    }

    @Test
    void refusesOsSystemWithoutRunningIt() {
        Path file = resource("malicious-posix-system-p2.pkl");

        assertThatThrownBy(() -> SafeUnpickler.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": at byte 2 (GLOBAL ('c')): refused pickled global 'posix.system'")
                .hasMessageContaining("must never run code");
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void refusesEvalHiddenInsideASplit() {
        Path file = resource("malicious-eval-in-split-p4.pkl");

        assertThatThrownBy(() -> SafeUnpickler.load(file))
                .hasMessageStartingWith(file + ": at byte ")
                .hasMessageContaining("(STACK_GLOBAL (0x93)): refused pickled global 'builtins.eval'");
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void refusesEveryGlobalOutsideTheNumpyList() {
        for (String global : List.of("os\nsystem", "builtins\ngetattr", "collections\nOrderedDict",
                "numpy\nload", "numpy.core.multiarray\nfromstring", "__builtin__\nset")) {
            byte[] bytes = pickle(0x80, 2, "c", global + "\n", ")", "R", ".");

            assertThatThrownBy(() -> load(bytes))
                    .hasMessageContaining("refused pickled global '" + global.replace('\n', '.') + "'");
        }
    }

    @Test
    void refusesObjectConstructionOpcodesAndStatesOfPlainValues() {
        // numpy.dtype is allowed, but not as a class for NEWOBJ (only joblib's wrapper is); INST names a class.
        assertThatThrownBy(() -> load(pickle(0x80, 2, "c", "numpy\ndtype\n", ")", 0x81, ".")))
                .hasMessageContaining("NEWOBJ (0x81)")
                .hasMessageContaining("only joblib's joblib.numpy_pickle.NumpyArrayWrapper is constructed");
        assertThatThrownBy(() -> load(pickle(0x80, 2, "c", "joblib.numpy_pickle\nNumpyArrayWrapper\n", ")", "R",
                ".")))
                .hasMessageContaining("NumpyArrayWrapper is only constructed with NEWOBJ");
        assertThatThrownBy(() -> load(pickle(0x80, 2, "(", "i", "os\nsystem\n", ".")))
                .hasMessageContaining("refused opcode INST ('i')");
        assertThatThrownBy(() -> load(pickle(0x80, 2, "}", "}", "b", ".")))
                .hasMessageContaining("BUILD sets the state of a dict; only numpy.dtype, numpy arrays and joblib's");
        assertThatThrownBy(() -> load(pickle(0x80, 2, "X", 1, 0, 0, 0, "x", ")", "R", ".")))
                .hasMessageContaining("REDUCE calls a str, not an allowed global");
        assertThatThrownBy(() -> load(pickle(0x80, 2, "c", "numpy\nndarray\n", ")", "R", ".")))
                .hasMessageContaining("numpy.ndarray is only accepted as _reconstruct's first argument");
    }

    @Test
    void refusesFortranOrderAndUnsupportedDtypes() {
        assertThatThrownBy(() -> SafeUnpickler.load(resource("numpy-fortran-p4.pkl")))
                .hasMessageContaining("Fortran-order array [2, 3] is not supported");
        assertThatThrownBy(() -> SafeUnpickler.load(resource("numpy-fortran-p5.pkl")))
                .hasMessageContaining("numpy._core.numeric._frombuffer: Fortran-order array [2, 3]");
        assertThatThrownBy(() -> SafeUnpickler.load(resource("numpy-float16-p4.pkl")))
                .hasMessageContaining("unsupported NumPy dtype '<f2'");
    }

    @Test
    void truncatedCopiesOfTheFixtureFailNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(resource("mmsa-mosi-like-tiny.pkl"));
        for (int length : new int[] {1, 2, 100, 5_000, 1_000_000, whole.length - 1}) {
            Path file = dir.resolve("cut-" + length + ".pkl");
            Files.write(file, Arrays.copyOf(whole, length));

            assertThatThrownBy(() -> SafeUnpickler.load(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file + ": truncated or corrupt pickle: ");
        }
    }

    @Test
    void randomBytesFailNamingTheFile() throws IOException {
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[4096];
            random.nextBytes(noise);
            if (i % 2 == 0) {
                // Half of them start like a protocol-4 pickle, so the noise reaches the opcode loop.
                noise[0] = (byte) 0x80;
                noise[1] = 4;
            }
            Path file = dir.resolve("noise-" + i + ".pkl");
            Files.write(file, noise);

            assertThatThrownBy(() -> SafeUnpickler.load(file)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file + ": ");
        }
    }

    @Test
    void aLengthBeyondTheFileFailsBeforeAllocating() {
        // BINBYTES8 claiming 2^40 bytes in a 12-byte file.
        byte[] bytes = pickle(0x80, 4, 0x8e, 0, 0, 0, 0, 0, 1, 0, 0, ".");

        assertThatThrownBy(() -> load(bytes))
                .hasMessage("test.pkl: truncated or corrupt pickle: at byte 2 (BINBYTES8 (0x8e)): a value of "
                        + "1099511627776 bytes, but the file has 1 left");
    }

    @Test
    void refusesOtherProtocolsAndBytesThatAreNoOpcodes() {
        assertThatThrownBy(() -> load(pickle("(", "l", ".")))
                .hasMessageContaining("not a pickle of protocol 2 to 5: the file starts with byte 0x28");
        assertThatThrownBy(() -> load(pickle(0x80, 6, ".")))
                .hasMessageContaining("pickle protocol 6 is not supported");
        assertThatThrownBy(() -> load(pickle(0x80, 4, 0xff, ".")))
                .hasMessageContaining("test.pkl: at byte 2: 0xff is not a pickle opcode");
        assertThatThrownBy(() -> load(pickle(0x80, 4, 0x8f, ".")))
                .hasMessageContaining("at byte 2 (EMPTY_SET (0x8f)): unsupported opcode EMPTY_SET (0x8f)");
        assertThatThrownBy(() -> load(pickle(0x80, 2, "T", 1, 0, 0, 0, "x", ".")))
                .hasMessageContaining("unsupported opcode BINSTRING ('T'): out-of-band buffers, sets, Python 2");
        assertThatThrownBy(() -> load(pickle(0x80, 4, "h", 5, ".")))
                .hasMessageContaining("memo entry 5 was never stored");
        assertThatThrownBy(() -> load(pickle(0x80, 4, "0", ".")))
                .hasMessageContaining("the pickle's stack is empty");
    }

    @Test
    void memoizedDtypesAreSharedAfterTheirBuild() throws IOException {
        // numpy.dtype('f4') built once, memoized as 0 and used by both arrays via BINGET (protocol 5 layout).
        byte[] bytes = pickle(0x80, 5,
                "c", "numpy\ndtype\n", 0x8c, 2, "f4", 0x89, 0x88, 0x87, "R", 0x94,
                "(", "K", 3, 0x8c, 1, "<", "N", "N", "N", "J", 255, 255, 255, 255, "J", 255, 255, 255, 255,
                "K", 0, "t", "b",
                "0",
                "c", "numpy._core.numeric\n_frombuffer\n", 0x94,
                "(", 0x96, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x3f, "h", 0, "K", 1, 0x85, 0x8c, 1, "C", "t", "R",
                "h", 1,
                "(", 0x96, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0x40, "h", 0, "K", 1, 0x85, 0x8c, 1, "C", "t", "R",
                0x86, ".");

        List<?> arrays = (List<?>) load(bytes);

        assertThat(((NumericArray) arrays.get(0)).get(0)).isEqualTo(1.5);
        assertThat(((NumericArray) arrays.get(1)).get(0)).isEqualTo(2.5);
    }

    @Test
    void anArrayWhoseShapeClaimsMoreThanItsBytesIsRefusedFast() {
        // _reconstruct(numpy.ndarray, (0,), b'b') then BUILD (1, (64, 2^30, 2^28), dtype('<f4'), False, b''):
        // 2^64 float32 elements, which a wrapping product counts as 0 and so matches the 0 bytes given.
        byte[] bytes = pickle(0x80, 2,
                "c", "numpy.core.multiarray\n_reconstruct\n", "c", "numpy\nndarray\n", "K", 0, 0x85, "C", 1, "b",
                0x87, "R",
                "(", "K", 1, "K", 64, "J", 0, 0, 0, 0x40, "J", 0, 0, 0, 0x10, 0x87,
                "c", "numpy\ndtype\n", 0x8c, 2, "f4", 0x89, 0x88, 0x87, "R",
                "(", "K", 3, 0x8c, 1, "<", "N", "N", "N", "J", 255, 255, 255, 255, "J", 255, 255, 255, 255, "K", 0,
                "t", "b",
                0x89, "C", 0, "t", "b", ".");

        long start = System.nanoTime();
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.pkl: at byte " + (bytes.length - 2) + " (BUILD ('b')): shape [64, 1073741824, "
                        + "268435456] claims more than 2^60 elements");
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void stringAndBytesLengthsBeyondTheFileFailBeforeAllocating() {
        // BINUNICODE and BINBYTES claiming 4 GiB - 1, BINUNICODE8 claiming 2^62, in files of a few bytes.
        assertThatThrownBy(() -> load(pickle(0x80, 4, "X", 255, 255, 255, 255, "ab", ".")))
                .hasMessage("test.pkl: truncated or corrupt pickle: at byte 2 (BINUNICODE ('X')): a value of "
                        + "4294967295 bytes, but the file has 3 left");
        assertThatThrownBy(() -> load(pickle(0x80, 4, "B", 255, 255, 255, 255, ".")))
                .hasMessage("test.pkl: truncated or corrupt pickle: at byte 2 (BINBYTES ('B')): a value of "
                        + "4294967295 bytes, but the file has 1 left");
        assertThatThrownBy(() -> load(pickle(0x80, 4, 0x8d, 0, 0, 0, 0, 0, 0, 0, 0x40, ".")))
                .hasMessage("test.pkl: truncated or corrupt pickle: at byte 2 (BINUNICODE8 (0x8d)): a value of "
                        + "4611686018427387904 bytes, but the file has 1 left");
    }

    @Test
    void memoIndicesAllocateNothingBeyondTheirEntries() throws IOException {
        // LONG_BINPUT at index 2^32 - 1 stores one entry; LONG_BINGET reads it back.
        List<?> value = (List<?>) load(pickle(0x80, 4, "]", "r", 255, 255, 255, 255, "j", 255, 255, 255, 255,
                0x86, "."));

        assertThat(value).hasSize(2);
        assertThat(value.get(0)).isSameAs(value.get(1));
    }
}
