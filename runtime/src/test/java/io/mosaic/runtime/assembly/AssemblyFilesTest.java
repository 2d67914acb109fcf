package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Inputs named as an assembly that are not one: each is refused at once, by name, without reading it whole. */
class AssemblyFilesTest {
    private final AssemblyCatalog files = new AssemblyCatalog(null);

    @TempDir
    Path folder;

    @Test
    void aDirectoryIsRefusedAsADirectory() {
        assertThatThrownBy(() -> files.find(folder.toString()))
                .hasMessage(folder + ": not an assembly file: it is a directory");
    }

    @Test
    @Timeout(10)
    void anEndlessDeviceIsRefusedWithoutReadingIt() {
        assumeThat(Path.of("/dev/zero")).exists();

        assertThatThrownBy(() -> files.find("/dev/zero"))
                .hasMessage("/dev/zero: not an assembly file: it is not a regular file (a device, pipe or socket)");
    }

    @Test
    @Timeout(10)
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = folder.resolve("pipe.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeThat(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

        assertThatThrownBy(() -> files.find(fifo.toString()))
                .hasMessage(fifo + ": not an assembly file: it is not a regular file (a device, pipe or socket)");
    }

    @Test
    void aFileOverOneMebibyteIsRefusedBeforeItIsRead() throws IOException {
        Path huge = folder.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(40L << 20);
        }

        assertThatThrownBy(() -> files.find(huge.toString()))
                .hasMessage(huge + ": too large for an assembly: 41943040 bytes; an assembly has at most 1048576 "
                        + "bytes (1 MiB)");
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByOffsetAndLine() throws IOException {
        byte[] latin1 = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] text = new byte[latin1.length + 13];
        System.arraycopy("pipeline: x\n\n".getBytes(StandardCharsets.US_ASCII), 0, text, 0, 13);
        System.arraycopy(latin1, 0, text, 13, latin1.length);
        Path file = Files.write(folder.resolve("latin1.yaml"), text);

        assertThatThrownBy(() -> files.find(file.toString()))
                .hasMessage(file + ":3: not UTF-8 text: byte 22 (0xe9) is not valid UTF-8; an assembly is a UTF-8 "
                        + "YAML file");
    }

    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        Path file = Files.write(folder.resolve("bom.yaml"), "\uFEFFname: x\n".getBytes(StandardCharsets.UTF_8));

        assertThat(files.find(file.toString()).text()).isEqualTo("name: x\n");
    }

    @Test
    void aPasswordFileIsNamedAsNoAssemblyWithoutEchoingIt() throws IOException {
        Path passwd = Files.writeString(folder.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");

        assertThatThrownBy(() -> Assemblies.loader(java.util.Map.of()).load(files.find(passwd.toString())))
                .hasMessage(passwd + ":1: not an assembly: an assembly is a YAML mapping of keys such as name, "
                        + "pipeline, data, components; this file holds a string");
    }

    @Test
    void extendingAPasswordFileQuotesNoneOfIt() throws IOException {
        Path passwd = Files.writeString(folder.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path child = Files.writeString(folder.resolve("child.yaml"), "name: c\nextends: " + passwd + "\n");

        assertThatThrownBy(() -> new AssemblyLoader(files::find).load(files.find(child.toString())))
                .hasMessage(passwd + ":1: not an assembly: an assembly is a YAML mapping of keys such as name, "
                        + "pipeline, data, components; this file holds a string")
                .hasMessageNotContaining("root:x");
    }

    @Test
    void aShadowLikeMappingIsNoAssemblyAndNoneOfItsKeysIsQuoted() throws IOException {
        StringBuilder shadow = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            shadow.append("user").append(i).append(":$6$s3cr3t$").append("h4sh".repeat(20)).append(":20228:0::\n");
        }
        Path file = Files.writeString(folder.resolve("shadow"), shadow);

        assertThatThrownBy(() -> Assemblies.loader(java.util.Map.of()).load(files.find(file.toString())))
                .hasMessage(file + ":1: not an assembly: none of its 30 top-level keys is one an assembly has "
                        + "(backend, components, data, debiasers, description, evaluate, extends, name, objectives, "
                        + "pipeline, seed, shared, train)");
    }

    @Test
    void anAssemblyWithManyUnknownKeysListsTwentyProblemsEachQuotingAShortFragment() throws IOException {
        StringBuilder keys = new StringBuilder("name: x\n");
        for (int i = 0; i < 30; i++) {
            keys.append("key").append(i).append('-').append("x".repeat(100)).append(": 1\n");
        }
        Path file = Files.writeString(folder.resolve("keys.yaml"), keys);

        assertThatThrownBy(() -> Assemblies.loader(java.util.Map.of()).load(files.find(file.toString())))
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).startsWith("32 problems:").endsWith("\n  ... 12 more")
                            .contains(file + ":2: unknown top-level key 'key0-" + "x".repeat(35) + "…'. Known: ")
                            .doesNotContain("x".repeat(41));
                    assertThat(message.lines()).hasSize(22);
                });
    }

    @Test
    void aRecursiveAliasIsAnErrorAtItsLineNotAStackOverflow() throws IOException {
        Path file = Files.writeString(folder.resolve("alias.yaml"), "name: x\na: &a [ *a ]\n");

        assertThatThrownBy(() -> Assemblies.loader(java.util.Map.of()).load(files.find(file.toString())))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(file + ":2: a recursive alias: this value contains itself");
    }

    @Test
    void readingIsFastEvenForTheLargestFile() throws IOException {
        Path big = Files.writeString(folder.resolve("big.yaml"), "#".repeat(AssemblyFiles.MAX_BYTES - 1) + "\n");
        long start = System.nanoTime();

        assertThat(files.find(big.toString()).text()).hasSize(AssemblyFiles.MAX_BYTES);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
