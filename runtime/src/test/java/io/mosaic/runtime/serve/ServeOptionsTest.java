package io.mosaic.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.osgi.FrameworkAddOns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServeOptionsTest {

    @Test
    void addOnsTellJettyWhereToListenAndGogoWhetherToReadTheConsole() {
        FrameworkAddOns quiet = new ServeOptions("127.0.0.1", 0, false).addOns(Path.of("/opt/mosaic"));

        assertThat(quiet.properties()).containsEntry("org.osgi.service.http.port", "0")
                .containsEntry("org.apache.felix.http.host", "127.0.0.1")
                .containsEntry("gosh.args", "--nointeractive");
        assertThat(quiet.bundleFolders()).containsExactly(Path.of("/opt/mosaic/bundles/serve"));
        assertThat(new ServeOptions("0.0.0.0", 8080, true).addOns(Path.of("/opt/mosaic")).properties())
                .containsEntry("gosh.args", "").containsEntry("org.osgi.service.http.port", "8080");
    }

    @Test
    void aPortOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> new ServeOptions("127.0.0.1", 70_000, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the port must be in 0..65535, found 70000");
    }
}
