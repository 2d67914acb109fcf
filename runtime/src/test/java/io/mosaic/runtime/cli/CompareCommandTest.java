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

    @Test
    void aMalformedVaryIsAUsageErrorOfCompareAndRun() {
        for (String[] command : List.of(
                new String[] {"compare", "baseline", "--vary", "train.optimizer.lr", "-q"},
                new String[] {"compare", "baseline", "--vary", "train.optimizer.lr=1e-3,,3e-3", "-q"},
                new String[] {"run", "baseline", "--seeds", "2", "--vary", "train.epochs=1,2,1", "-q"},
                new String[] {"run", "baseline", "--vary", "train.epochs=1,2", "--set", "train.epochs=3", "-q"},
                new String[] {"run", "baseline", "--vary", "seed=1,2", "-q"})) {
            int code = mosaic(command);

            assertThat(code).as(String.join(" ", command)).isEqualTo(ExitCodes.USAGE);
            assertThat(err).as(String.join(" ", command)).contains("--vary ").doesNotContain("Exception");
        }
        assertThat(home.resolve("runs")).doesNotExist();
    }

    @Test
    void oneAssemblyNeedsAVaryOfTwoValuesToBeCompared() {
        assertThat(mosaic("compare", "baseline", "-q")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("a comparison needs two assemblies or more, or one with a --vary of two values or "
                + "more; found 1 to train");
        assertThat(mosaic("compare", "baseline", "--vary", "train.epochs=2", "-q")).isEqualTo(ExitCodes.USAGE);
        assertThat(mosaic("run", "--resume", "runs/x", "--vary", "train.epochs=1,2", "-q"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--vary runs a group of variants: give the ASSEMBLY");
        assertThat(home.resolve("runs")).doesNotExist();
    }
}
