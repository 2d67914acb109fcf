package io.mosaic.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.host.RuntimeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic compare}'s own arguments, refused before anything is resolved or trained. */
class CompareCommandTest {

    @TempDir
    Path home;

    private String err;

    private int mosaic(String... args) {
        StringWriter errText = new StringWriter();
        RuntimeOptions options = new RuntimeOptions(home, home.resolve("plugins"), home.resolve("runs"),
                Duration.ZERO);
        int code = MosaicCli.execute(options, new PrintWriter(new StringWriter(), true), new PrintWriter(errText,
                true), args);
        err = errText.toString();
        return code;
    }

    @Test
    void aReferenceMustBeOneOfTheAssembliesCompared() {
        int code = mosaic("compare", "baseline", "baseline-rmfm", "--reference", "cider", "-q");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--reference 'cider' is not one of the assemblies compared: 'baseline', "
                + "'baseline-rmfm'");
        assertThat(home.resolve("runs")).doesNotExist();
    }

    @Test
    void theReferenceIsMovedFirstAndTheOthersKeepTheirOrder() {
        assertThat(CompareCommand.referenceFirst(List.of("a", "b", "c"), "c")).containsExactly("c", "a", "b");
        assertThat(CompareCommand.referenceFirst(List.of("a", "b", "c"), "a")).containsExactly("a", "b", "c");
        assertThat(CompareCommand.referenceFirst(List.of("a", "b"), null)).containsExactly("a", "b");
    }
}
