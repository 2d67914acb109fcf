package io.mosaic.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunTaskTest {

    @Test
    void aTasksFolderIsAbsoluteSoThatAnotherProcessFindsIt() {
        RunTask task = new RunTask("a seed 1", Path.of("runs/../runs/group/seed-1"), "name: a\n");

        assertThat(task.folder()).isEqualTo(Path.of("").toAbsolutePath().resolve("runs/group/seed-1"));
    }
}
