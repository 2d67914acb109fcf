package io.mosaic.itests.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class BrowserTest {

    @TempDir
    Path bin;

    @Test
    void aMissingBrowserFailsATestThatRequiresIt() {
        assertThatThrownBy(() -> Browser.assumeInstalled(List.of(bin.resolve("chromium")), "required"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("chromium and chromium-driver").hasMessageEndingWith("=required");
    }

    @Test
    void aMissingBrowserSkipsATestWhereItIsOptional() {
        assertThatThrownBy(() -> Browser.assumeInstalled(List.of(bin.resolve("chromium")), "optional"))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("apt-get install chromium");
    }

    @Test
    void anInstalledBrowserIsUsedWhateverTheRequirement() throws IOException {
        Path chromium = Files.createFile(bin.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThatCode(() -> Browser.assumeInstalled(List.of(chromium), "required")).doesNotThrowAnyException();
    }

    @Test
    void anUnknownRequirementIsRefused() {
        assertThatThrownBy(() -> Browser.assumeInstalled(List.of(), "yes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mosaic.itest.browser must be required or optional, found 'yes'");
    }
}
