package io.mosaic.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.mmsa.FeatureFile;
import io.mosaic.runtime.data.testbed.SplitSizes;
import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic data testbed} and {@code mosaic data inspect}, run without the OSGi framework. */
class DataCommandTest {

    @TempDir
    Path home;

    private String out;
    private String err;

    private int mosaic(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        RuntimeOptions options = new RuntimeOptions(home, home.resolve("plugins"), home.resolve("runs"),
                Duration.ZERO);
        int code = MosaicCli.execute(options, new PrintWriter(outText, true), new PrintWriter(errText, true), args);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    @Test
    void testbedWritesAPickleThatTheLoaderReads() {
        Path file = home.resolve("meld.pkl");

        int code = mosaic("data", "testbed", "--preset", "meld-like", "--seed", "3", "--sizes", "20,6,8",
                "--train-domains", "0,1,2", "--test-domains", "3,4", "--threads", "2", "--out", file.toString());

        assertThat(code).as(err).isZero();
        assertThat(out).contains("Wrote " + file + ": MMSA pickle (protocol 4), testbed meld-like seed 3 (train "
                + "domains [0, 1, 2], test domains [3, 4])");
        assertThat(out).containsPattern("train +20 +\\[0, 1, 2]").containsPattern("test +8 +\\[3, 4]");
        assertThat(out).containsPattern("34 samples, [0-9.]+ MB in [0-9.]+ s: [0-9]+ samples/s, [0-9.]+ MB/s "
                + "\\(2 threads\\)");
        FeatureFile read = FeatureFile.read(file);
        assertThat(read.dataset().split("test").size()).isEqualTo(8);
        assertThat(read.dataset().split("test").sample(7).id()).isEqualTo("test/7");
    }

    @Test
    void inspectReportsKeysLengthsAndLabelsOfTheWrittenFile() {
        Path file = home.resolve("tiny.npz");
        assertThat(mosaic("data", "testbed", "--preset", "tiny", "--seed", "5", "--sizes", "30,4,4",
                "--out", file.toString())).as(err).isZero();

        int code = mosaic("data", "inspect", file.toString());

        assertThat(code).as(err).isZero();
        assertThat(out).contains("Splits  train 30, valid 4, test 4");
        assertThat(out).containsPattern("text_bert +int64 +\\[30, 3, 12]")
                .containsPattern("vision +float32 +\\[30, 24, 6]").containsPattern("annotations +<U8 +\\[30]");
        Split train = new Testbed(TestbedConfig.preset("tiny").withSplits(new SplitSizes(30, 4, 4)), 5).split("train");
        SplitStatistics expected = SplitStatistics.of(train);
        for (Modality modality : Modality.values()) {
            SplitStatistics.Summary lengths = expected.lengths(modality);
            assertThat(out).containsPattern(String.format(Locale.ROOT, "%s +%.0f +%.1f +%.0f", modality.id(),
                    lengths.min(), lengths.mean(), lengths.max()));
        }
        assertThat(out).contains(String.format(Locale.ROOT, "score    min %.3f  mean %.3f  max %.3f",
                expected.scores().min(), expected.scores().mean(), expected.scores().max()));
        int[] counts = expected.classCounts();
        assertThat(out).contains(String.format("7-class  -3: %d  -2: %d  -1: %d  0: %d  1: %d  2: %d  3: %d",
                counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]));
    }

    @Test
    void unknownDomainsAndFileTypesAreRefusedWithExitCodeThree() {
        int unknownDomain = mosaic("data", "testbed", "--preset", "tiny", "--seed", "1", "--test-domains", "3",
                "--out", home.resolve("x.pkl").toString());
        String unknownDomainError = err;
        int badExtension = mosaic("data", "testbed", "--preset", "tiny", "--seed", "1", "--out",
                home.resolve("x.csv").toString());

        assertThat(unknownDomain).isEqualTo(ExitCodes.INVALID);
        assertThat(unknownDomainError).contains("error: test domain 3 is not a domain of testbed tiny, whose domains "
                + "are 0 to 2");
        assertThat(badExtension).isEqualTo(ExitCodes.INVALID);
        assertThat(err).contains("x.csv: expected a file name ending in .pkl (MMSA pickle) or .npz");
        assertThat(Files.exists(home.resolve("x.pkl"))).isFalse();
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertThat(mosaic("data")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("Missing required subcommand");
        assertThat(mosaic("data", "testbed", "--preset", "tiny", "--seed", "1", "--sizes", "5,5", "--out",
                home.resolve("x.pkl").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--sizes needs 3 numbers (train, valid, test), got 2");
        assertThat(mosaic("data", "testbed", "--preset", "tiny", "--seed", "1", "--train-domains=", "--out",
                home.resolve("x.pkl").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--train-domains");
        assertThat(mosaic("data", "testbed", "--preset", "tiny", "--seed", "1", "--unimodal-shift", "-1", "--out",
                home.resolve("x.pkl").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--unimodal-shift must be in [0, 3.0], got -1.0");
        assertThat(mosaic("data", "inspect", "--scale", "percent", home.resolve("x.pkl").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--scale must be one of [auto, mosi, sims], got 'percent'");
    }

    @Test
    void aShiftedTestbedWritesItsModalitySpecificScoresAsUnimodalLabels() {
        Path file = home.resolve("shifted.pkl");
        assertThat(mosaic("data", "testbed", "--preset", "tiny", "--seed", "5", "--sizes", "30,4,4",
                "--unimodal-shift", "0.5", "--out", file.toString())).as(err).isZero();
        assertThat(out).contains("testbed tiny seed 5 (unimodal shift 0.5)");

        int code = mosaic("data", "inspect", file.toString());

        assertThat(code).as(err).isZero();
        assertThat(out).contains("Labels  MOSI's scale [-3, 3]; unimodal labels of text, audio, vision")
                .containsPattern("regression_labels_V +float32 +\\[30]");
        TestbedConfig tiny = TestbedConfig.preset("tiny").withSplits(new SplitSizes(30, 4, 4));
        Split train = new Testbed(tiny.withPlanting(tiny.planting().withUnimodalShift(0.5)), 5).split("train");
        SplitStatistics.Summary audio = SplitStatistics.of(train).unimodalScores().get(Modality.AUDIO);
        assertThat(out).contains(String.format(Locale.ROOT, "  audio    min %.3f  mean %.3f  max %.3f", audio.min(),
                audio.mean(), audio.max()));
        assertThat(mosaic("data", "inspect", "--scale", "sims", file.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err).contains("is outside [-1, 1], SIMS' scale");
    }

    @Test
    void inspectRefusesUnsafeAndMalformedFilesNamingThem() throws IOException {
        Path unsafe = Files.write(home.resolve("unsafe.pkl"), maliciousPickle());
        Path truncated = home.resolve("truncated.pkl");
        mosaic("data", "testbed", "--preset", "tiny", "--seed", "1", "--out", truncated.toString());
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

        assertThat(mosaic("data", "inspect", unsafe.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err).contains("error: " + unsafe + ": ").contains("refused pickled global 'posix.system'");
        assertThat(mosaic("data", "inspect", truncated.toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err).contains("error: " + truncated + ": truncated or corrupt pickle");
        assertThat(mosaic("data", "inspect", home.resolve("notes.txt").toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err).contains("notes.txt: expected an MMSA pickle (.pkl) or an npz export (.npz)");
        assertThat(mosaic("data", "inspect", home.resolve("absent.npz").toString())).isEqualTo(ExitCodes.INVALID);
        assertThat(err).contains("absent.npz: no such file");
    }

    /** Protocol 2: GLOBAL 'posix system', the argument tuple ('true',), REDUCE, STOP: what os.system pickles to. */
    private static byte[] maliciousPickle() {
        return "\u0080\u0002cposix\nsystem\nX\u0004\u0000\u0000\u0000true\u0085R.".getBytes(
                StandardCharsets.ISO_8859_1);
    }

    /** A tiny testbed npz of {@code n} samples per split. */
    private Path tinyNpz(String name, int n) {
        Path file = home.resolve(name);
        assertThat(mosaic("data", "testbed", "--preset", "tiny", "--seed", "2", "--sizes", n + "," + n + "," + n,
                "--out", file.toString())).as(err).isZero();
        return file;
    }

    /** Rewrites {@code npz} with each member {@code edit} returns (the member's name and bytes in, bytes out). */
    private static void rewrite(Path npz, BiFunction<String, byte[], byte[]> edit) throws IOException {
        Path copy = npz.resolveSibling("copy.npz");
        try (ZipFile in = new ZipFile(npz.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream member = in.getInputStream(entry)) {
                    bytes = member.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(edit.apply(entry.getName(), bytes));
                out.closeEntry();
            }
        }
        Files.move(copy, npz, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A version-1 .npy header for float32 data of {@code shape}, e.g. {@code (64, 2, 3)}. */
    private static byte[] npyHeader(String shape) {
        byte[] text = ("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text)
                .array();
    }

    @Test
    void inspectRefusesAShapeWhoseSizeOverflowsToZero() throws IOException {
        // 64 x 2^30 x 2^28 float32 elements and no data: a wrapping element count of 0 matched the 0 bytes given.
        Path file = tinyNpz("huge.npz", 64);
        rewrite(file, (name, bytes) -> name.endsWith("_vision.npy") ? npyHeader("(64, 1073741824, 268435456)")
                : bytes);

        long start = System.nanoTime();
        int code = mosaic("data", "inspect", file.toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err).isEqualTo("error: " + file + ": entry 'train_vision.npy': shape [64, 1073741824, 268435456] "
                + "claims more than 2^60 elements" + System.lineSeparator());
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void inspectFlagsNonFiniteFeaturesAndLabelsWithExitCodeThree() throws IOException {
        Path file = tinyNpz("nan.npz", 4);
        rewrite(file, (name, bytes) -> {
            int data = 10 + (bytes[8] & 0xFF | (bytes[9] & 0xFF) << 8);
            if (name.equals("train_vision.npy")) {
                // Element 7 of [4, 24, 6]: sample 0, step 1, feature 1.
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(data + 4 * 7, Float.NaN);
            } else if (name.equals("test_regression_labels.npy")) {
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(data + 4 * 2, 30f);
            }
            return bytes;
        });

        int code = mosaic("data", "inspect", file.toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("error: " + file + ", split 'train', key 'vision': value NaN at sample 0, step 1, "
                + "feature 1 is not finite; only audio may hold non-finite values (read as 0, as MMSA does)\n"
                + file + ", split 'test', key 'regression_labels': label 30.0 at sample 2 is outside [-3, 3], MOSI "
                + "and MOSEI's scale" + System.lineSeparator());
    }
}
