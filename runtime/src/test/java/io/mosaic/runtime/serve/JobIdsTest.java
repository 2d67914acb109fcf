package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.history.UnreadableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobIdsTest {

    @TempDir
    Path runs;

    @Test
    void numbersGoOnFromTheLastGivenForTheRunsFolderAfterARestart() {
        JobIds first = JobIds.in(runs.resolve("runs"));
        assertThat(List.of(first.getAsInt(), first.getAsInt(), first.getAsInt())).containsExactly(1, 2, 3);

        JobIds restarted = JobIds.in(runs.resolve("runs"));

        assertThat(restarted.getAsInt()).isEqualTo(4);
        assertThat(first.getAsInt()).as("a second server on the same runs folder").isEqualTo(5);
    }

    @Test
    void twoServersNumberingAtOnceNeverGiveTheSameNumber() {
        JobIds one = JobIds.in(runs);
        JobIds other = JobIds.in(runs);
        Set<Integer> given = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 200).parallel().forEach(i -> given.add((i % 2 == 0 ? one : other).getAsInt()));

        assertThat(given).hasSize(200).allMatch(id -> id >= 1 && id <= 200);
    }

    @Test
    void aDamagedRecordIsRefusedNamingTheFileWithoutEchoingIt() throws IOException {
        Files.writeString(runs.resolve(JobIds.FILE), "secret-content\n");

        assertThatThrownBy(() -> JobIds.in(runs)).isInstanceOf(UnreadableFileException.class)
                .hasMessage(runs.resolve(JobIds.FILE) + " holds no job number (expected the last job's number, up "
                        + "to 9 digits)");
    }

    @Test
    void anOversizedOrLinkedRecordIsNotRead() throws IOException {
        Files.writeString(runs.resolve("elsewhere"), "7");
        Files.createSymbolicLink(runs.resolve(JobIds.FILE), runs.resolve("elsewhere"));
        assertThatThrownBy(() -> JobIds.in(runs)).hasMessageEndingWith("is a symbolic link, which is not followed");

        Files.delete(runs.resolve(JobIds.FILE));
        Files.writeString(runs.resolve(JobIds.FILE), "1".repeat(1000));
        assertThatThrownBy(() -> JobIds.in(runs)).hasMessageContaining("holds 1000 bytes, more than the 64");
    }
}
