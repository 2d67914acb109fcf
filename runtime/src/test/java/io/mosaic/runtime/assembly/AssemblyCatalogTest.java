package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Assemblies given as files; a path never consults the framework, so these catalogs have no bundle context. */
class AssemblyCatalogTest {
    private final AssemblyCatalog files = new AssemblyCatalog(null);

    @TempDir
    Path folder;

    @Test
    void anAssemblyFileIsReadUnderItsPath() throws IOException {
        Path file = Files.writeString(folder.resolve("mine.yaml"), "name: mine\n");

        AssemblyText text = files.find(file.toString());

        assertThat(text).isEqualTo(new AssemblyText("mine", file.toString(), "name: mine\n"));
    }

    @Test
    void aMissingAssemblyFileIsNamedWithItsAbsolutePath() {
        Path missing = folder.resolve("experiments/missing.yaml");

        assertThatThrownBy(() -> files.find(missing.toString()))
                .isInstanceOfSatisfying(AssemblyException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.origin()).isEqualTo(new Origin(missing.toString(), 0))))
                .hasMessage(missing + ": assembly file does not exist (" + missing.toAbsolutePath() + ")");
    }

    @Test
    void aRelativePathToAMissingFileIsAlsoAFile() {
        assertThatThrownBy(() -> files.find("nowhere/baseline"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("nowhere/baseline: assembly file does not exist ("
                        + Path.of("nowhere/baseline").toAbsolutePath() + ")");
    }

    @Test
    void aSyntaxErrorInAFileNamesThatFile() throws IOException {
        Path file = Files.writeString(folder.resolve("broken.yaml"), "name: broken\ndata: [testbed\n");
        AssemblyText text = files.find(file.toString());

        assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(text))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(file + ":3: YAML syntax error: expected ',' or ']', but got <stream end> (while parsing "
                        + "a flow sequence that starts at line 2)");
    }
}
