package io.mosaic.runtime.assembly.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.assembly.AssemblyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private static final String FILE = "assemblies/x.yaml";

    @Test
    void aMappingsValueIsAtItsKeysLineAndAListItemAtItsOwn() {
        YamlMap root = (YamlMap) YamlReader.read(FILE, """
                name: x
                components:
                  text:
                    - gru
                    - use: mlp
                      hidden: [8, 4]
                  fusion:
                    concat
                """);

        assertThat(root.origin()).isEqualTo(new Origin(FILE, 1));
        YamlMap components = (YamlMap) root.get("components").orElseThrow();
        assertThat(components.origin()).isEqualTo(new Origin(FILE, 2));
        YamlList text = (YamlList) components.get("text").orElseThrow();
        assertThat(text.origin()).isEqualTo(new Origin(FILE, 3));
        assertThat(text.items()).extracting(YamlNode::origin)
                .containsExactly(new Origin(FILE, 4), new Origin(FILE, 5));
        YamlMap mlp = (YamlMap) text.items().get(1);
        assertThat(mlp.get("hidden").orElseThrow().origin()).isEqualTo(new Origin(FILE, 6));
        assertThat(components.get("fusion").orElseThrow().origin()).isEqualTo(new Origin(FILE, 7));
        assertThat(text.toPlain()).isEqualTo(List.of("gru", Map.of("use", "mlp", "hidden", List.of(8L, 4L))));
    }

    @Test
    void scalarsAreReadAsYamlTypesAndQuotedOnesStayStrings() {
        YamlMap root = (YamlMap) YamlReader.read(FILE, """
                integer: 3
                hex: 0x1F
                grouped: 1_000
                real: 0.5
                exponent: 1e-3
                infinite: .inf
                quoted: "3"
                nothing: ~
                word: gru
                """);

        assertThat(root.toPlain()).isEqualTo(map(
                "integer", 3L, "hex", 31L, "grouped", 1000L, "real", 0.5, "exponent", 1e-3,
                "infinite", Double.POSITIVE_INFINITY, "quoted", "3", "nothing", null, "word", "gru"));
    }

    @Test
    void integersFollowYaml12() {
        YamlMap root = (YamlMap) YamlReader.read(FILE, """
                leading-zero: 012
                hex: 0x1F
                negative: -40
                grouped: 1_000
                sexagesimal: 1:30
                binary: 0b101
                """);

        assertThat(root.toPlain()).isEqualTo(Map.of("leading-zero", 12L, "hex", 31L, "negative", -40L,
                "grouped", 1000L, "sexagesimal", "1:30", "binary", "0b101"));
    }

    @Test
    void onlyTrueAndFalseAreBooleansAsInYaml12() {
        YamlMap root = (YamlMap) YamlReader.read(FILE, """
                on: valid
                yes: no
                flags: [true, False, yes, off, On, y]
                """);

        assertThat(root.entries()).containsOnlyKeys("on", "yes", "flags");
        assertThat(root.toPlain()).isEqualTo(map("on", "valid", "yes", "no",
                "flags", List.of(true, false, "yes", "off", "On", "y")));
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        assertThatThrownBy(() -> YamlReader.read(FILE, """
                name: x
                data: { source: testbed
                pipeline: baseline
                """))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":3: YAML syntax error: expected ',' or '}', but got : (while parsing a flow "
                        + "mapping that starts at line 2)");
    }

    @Test
    void aBadIndentIsASyntaxErrorAtItsLine() {
        assertThatThrownBy(() -> YamlReader.read(FILE, """
                name: x
                train:
                  epochs: 3
                   batch: 8
                """))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":4: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void aDuplicateKeyNamesBothLines() {
        assertThatThrownBy(() -> YamlReader.read(FILE, """
                name: x
                train:
                  epochs: 3
                  batch: 8
                  epochs: 4
                """))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":5: duplicate key 'epochs' (first at line 3)");
    }

    @Test
    void theSameKeyInTwoMappingsIsNoDuplicate() {
        YamlMap root = (YamlMap) YamlReader.read(FILE, "a: { use: gru }\nb: { use: gru }\n");

        assertThat(root.toPlain()).isEqualTo(map("a", Map.of("use", "gru"), "b", Map.of("use", "gru")));
    }

    @Test
    void aKeyMustBeAName() {
        assertThatThrownBy(() -> YamlReader.read(FILE, "name: x\n? [a, b]\n: 1\n"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":2: a key must be a plain name, found a list");
    }

    @Test
    void anEmptyDocumentIsRefused() {
        assertThatThrownBy(() -> YamlReader.read(FILE, "# nothing but a comment\n"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":1: the document is empty");
    }

    @Test
    void anIntegerTooLargeForALongIsRefusedAtItsLine() {
        assertThatThrownBy(() -> YamlReader.read(FILE, "name: x\nseed: 99999999999999999999\n"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":2: '99999999999999999999' is not a number YAML can read");
    }

    @Test
    void aRecursiveAliasIsRefusedAtItsLineInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> YamlReader.read(FILE, "name: x\nsettings:\n  a: &a [ 1, *a ]\n"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":3: a recursive alias: this value contains itself");
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String deep = "a: " + "[".repeat(100) + "]".repeat(100) + "\n";

        assertThatThrownBy(() -> YamlReader.read(FILE, deep))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith(FILE + ":1: YAML error: Nesting Depth exceeded max 32");
    }

    @Test
    void aliasesThatWouldMultiplyTheDocumentAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            String previous = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(10, previous))).append("]\n");
        }

        assertThatThrownBy(() -> YamlReader.read(FILE, bomb.toString()))
                .isInstanceOf(AssemblyException.class)
                .hasMessageContaining("Number of aliases for non-scalar nodes exceeds the specified max=10");
    }

    @Test
    void aLongUnreadableNumberIsQuotedAsAShortFragment() {
        assertThatThrownBy(() -> YamlReader.read(FILE, "seed: " + "9".repeat(500) + "\n"))
                .hasMessage(FILE + ":1: '" + "9".repeat(40) + "…' is not a number YAML can read");
    }

        /** A map of alternating keys and values, in that order; unlike {@code Map.of} it takes null values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
