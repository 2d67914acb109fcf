package io.mosaic.runtime.engine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSpecTest {

    @Test
    void aWorkerIsTheInstallationsMosaicWorkerWithItsFoldersAndItsShareOfThreads() {
        WorkerSpec spec = new WorkerSpec("/opt/mosaic", "/opt/mosaic/plugins", "/shared/runs", 3);

        assertThat(spec.command()).endsWith("-cp", "/opt/mosaic/lib/*", "io.mosaic.runtime.cli.MosaicCli", "worker");
        assertThat(spec.environment()).containsEntry("MOSAIC_HOME", "/opt/mosaic")
                .containsEntry("MOSAIC_PLUGINS", "/opt/mosaic/plugins").containsEntry("MOSAIC_RUNS", "/shared/runs")
                .containsEntry("OMP_NUM_THREADS", "3").containsEntry("MKL_NUM_THREADS", "3");
        assertThatThrownBy(() -> new WorkerSpec("/opt/mosaic", "/p", "/r", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkerStartsWithTheInstallationsJvmOptionsWhenItHasThem(@TempDir Path home) throws IOException {
        WorkerSpec spec = new WorkerSpec(home.toString(), home.resolve("plugins").toString(), "/shared/runs", 1);
        assertThat(spec.command()).noneMatch(argument -> argument.startsWith("@"));

        Files.writeString(home.resolve("jvm.options"), "-XX:+UseSerialGC\n");

        assertThat(spec.command()).element(1).isEqualTo("@" + home.resolve("jvm.options"));
        assertThat(spec.command()).endsWith("-cp", home.resolve("lib") + "/*", "io.mosaic.runtime.cli.MosaicCli",
                "worker");
    }
}
