package io.mosaic.runtime.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.assembly.AssemblyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceTest {

    @TempDir
    Path folder;

    @Test
    void everyDistributionIsReadInTheFilesOrder() {
        SearchSpace space = SearchSpace.parse("s.yaml", """
                train.optimizer.lr: { log-uniform: [1.0e-4, 1.0e-2] }
                components.head.dropout: { uniform: [0, 0.5] }
                train.batch: { int-uniform: [8, 64] }
                components.fusion.use: { choice: [concat, 'tensor-fusion', 3, true] }
                """);

        assertThat(space.dimensions()).containsExactly(
                new Dimension.LogUniform("train.optimizer.lr", 1e-4, 1e-2, space.dimensions().get(0).origin()),
                new Dimension.Uniform("components.head.dropout", 0, 0.5, space.dimensions().get(1).origin()),
                new Dimension.IntUniform("train.batch", 8, 64, space.dimensions().get(2).origin()),
                new Dimension.Choice("components.fusion.use", List.of("concat", "tensor-fusion", 3L, true),
                        space.dimensions().get(3).origin()));
        assertThat(space.dimensions()).extracting(d -> d.origin().line()).containsExactly(1, 2, 3, 4);
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> SearchSpace.parse("s.yaml", text)).isInstanceOf(AssemblyException.class)
                .hasMessage(message);
    }

    @Test
    void invalidSpacesAreRefusedAtTheirFileAndLine() {
        refused("a.b: { uniform: [0, 1] }\nc.d: { gaussian: [0, 1] }\n",
                "s.yaml:2: 'c.d': unknown distribution 'gaussian'; expected one of log-uniform, uniform, int-uniform,"
                        + " choice");
        refused("\n\na.b: { uniform: [1, 1] }\n", "s.yaml:3: 'a.b': uniform needs low < high, found [1, 1]");
        refused("a.b: { uniform: [2, 1.5] }\n", "s.yaml:1: 'a.b': uniform needs low < high, found [2, 1.5]");
        refused("a.b: { log-uniform: [0, 1] }\n", "s.yaml:1: 'a.b': log-uniform needs 0 < low, found low 0.0");
        refused("a.b: { log-uniform: [-1, 1] }\n", "s.yaml:1: 'a.b': log-uniform needs 0 < low, found low -1.0");
        refused("x.y: { uniform: [0, 1] }\na.b: { choice: [] }\n",
                "s.yaml:2: 'a.b': choice needs at least one value, found none");
        refused("a.b: { choice: [1, 2] }\na.b: { choice: [3] }\n", "s.yaml:2: duplicate key 'a.b' (first at line 1)");
        refused("- a.b\n- c.d\n", "s.yaml:1: a search space is a mapping of assembly keys to distributions, found a "
                + "list");
        refused("a.b: { int-uniform: [1, 2.5] }\n", "s.yaml:1: 'a.b': int-uniform takes integers, found a number "
                + "(2.5)");
        refused("a.b: { uniform: [0, .inf] }\n", "s.yaml:1: 'a.b': uniform takes finite numbers, found infinity");
        refused("a.b: { uniform: [0, 1, 2] }\n", "s.yaml:1: 'a.b': uniform takes [low, high], found 3 values");
        refused("a.b: { uniform: [0, 1], choice: [1] }\n", "s.yaml:1: 'a.b': expected one distribution "
                + "(log-uniform, uniform, int-uniform, choice), e.g. { log-uniform: [1e-4, 1e-2] }, found 2 keys");
        refused("lr: { uniform: [0, 1] }\n", "s.yaml:1: 'lr' is not an assembly key: dotted names as --set takes "
                + "them, e.g. train.optimizer.lr");
        refused("a.b: { choice: [1, 1] }\n", "s.yaml:1: 'a.b': choice lists an integer (1) twice");
    }

    @Test
    void everyProblemOfAFileIsListed() {
        assertThatThrownBy(() -> SearchSpace.parse("s.yaml", "a.b: { uniform: [1, 0] }\nc.d: { choice: [] }\n"))
                .hasMessage("2 problems:\n  s.yaml:1: 'a.b': uniform needs low < high, found [1, 0]\n"
                        + "  s.yaml:2: 'c.d': choice needs at least one value, found none");
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingItAll() throws IOException {
        Path huge = folder.resolve("huge.yaml");
        try (var out = Files.newOutputStream(huge)) {
            byte[] line = "# a comment line of a huge file\n".getBytes();
            for (int i = 0; i < (3 << 20) / line.length; i++) {
                out.write(line);
            }
        }
        assertThatThrownBy(() -> SearchSpace.read(huge)).hasMessage(huge + ": too large for a search space: more "
                + "than 1048576 bytes");
        assertThatThrownBy(() -> SearchSpace.read(folder)).hasMessage(folder + ": not a search space file: it is "
                + "not a regular file");
        assertThatThrownBy(() -> SearchSpace.read(folder.resolve("none.yaml"))).hasMessageStartingWith(
                folder.resolve("none.yaml") + ": search space file does not exist");
    }
}
