package io.mosaic.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path folder;

    @Test
    void aWrittenFileIsReadableByOthersLikeAnyResultFile() throws IOException {
        Path target = folder.resolve("metrics.json");

        AtomicFiles.writeString(target, "{}");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void writesANewFileCreatingItsFolders() throws IOException {
        Path target = folder.resolve("run/checkpoints/best.txt");

        AtomicFiles.writeString(target, "epoch 3\n");

        assertThat(Files.readString(target)).isEqualTo("epoch 3\n");
        assertThat(namesIn(target.getParent())).containsExactly("best.txt");
    }

    @Test
    void replacesTheContentLeavingNoTemporaryFile() throws IOException {
        Path target = folder.resolve("run.json");
        AtomicFiles.writeString(target, "a much longer old content\n");

        AtomicFiles.writeString(target, "new\n");

        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(namesIn(folder)).containsExactly("run.json");
    }

    @Test
    void theOldContentStaysVisibleUntilTheNewIsComplete() throws IOException {
        Path target = folder.resolve("metrics.json");
        AtomicFiles.writeString(target, "old");

        AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(Files.readString(target)).isEqualTo("old");
            out.write(" and half".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(Files.readString(target)).isEqualTo("half and half");
    }

    @Test
    void aFullDiskIsNamedInTheMessageNotOnlyInTheTrace() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full (which fails every write with ENOSPC) exists on Linux");
        Path target = folder.resolve("checkpoints/last.ckpt");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            try (OutputStream disk = Files.newOutputStream(full)) {
                disk.write(new byte[8192]);
                disk.flush();
            }
        }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + target + ": No space left on device");

        assertThat(namesIn(target.getParent())).isEmpty();
    }

    @Test
    void aFailingWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path target = folder.resolve("epochs.csv");
        AtomicFiles.writeString(target, "epoch,loss\n1,0.5\n");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("epoch,lo".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + target + ": disk full")
                .hasRootCauseMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("epoch,loss\n1,0.5\n");
        assertThat(namesIn(folder)).containsExactly("epochs.csv");
    }

    @Test
    void aContentThatThrowsAnUncheckedExceptionAlsoLeavesNoTrace() throws IOException {
        Path target = folder.resolve("summary.json");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write('{');
            throw new IllegalStateException("not serialisable");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(namesIn(folder)).isEmpty();
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
