package io.mosaic.runtime.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.assembly.yaml.YamlReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsDiffTest {

    private static Map<String, String> flat(String yaml) {
        return SettingsDiff.flatten(YamlReader.read("test.yaml", yaml));
    }

    @Test
    void aResolvedAssemblyIsFlattenedToOneLinePerSettingInTheFilesOrder() {
        Map<String, String> settings = flat("""
                name: wide
                components:
                  head: [{use: mlp, hidden: [128, 64]}]
                train: {lr: 0.001, stages: [], views: {}}
                note: null
                """);

        assertThat(settings).containsExactly(Map.entry("name", "wide"),
                Map.entry("components.head[0].use", "mlp"), Map.entry("components.head[0].hidden[0]", "128"),
                Map.entry("components.head[0].hidden[1]", "64"), Map.entry("train.lr", "0.001"),
                Map.entry("train.stages", "[]"), Map.entry("train.views", "{}"), Map.entry("note", "null"));
    }

    @Test
    void onlyTheKeysWhoseValuesDifferAreRowsAndAMissingKeyIsADifference() {
        Optional<Map<String, String>> base = Optional.of(flat("""
                name: base
                seed: 7
                train: {lr: 0.001, epochs: 2}
                """));
        Optional<Map<String, String>> fast = Optional.of(flat("""
                name: fast
                seed: 7
                train: {lr: 0.01, epochs: 2, warmup: 1}
                """));

        SettingsDiff diff = SettingsDiff.of(List.of(base, fast));

        assertThat(diff.rows()).containsExactly(new SettingsDiff.Row("name", List.of("base", "fast")),
                new SettingsDiff.Row("train.lr", List.of("0.001", "0.01")),
                new SettingsDiff.Row("train.warmup", Arrays.asList(null, "1")));
    }

    @Test
    void anAssemblyWhoseSettingsAreUnknownDecidesNoRowAndIdenticalOnesHaveNone() {
        Optional<Map<String, String>> base = Optional.of(flat("name: base\nseed: 7\n"));

        SettingsDiff diff = SettingsDiff.of(List.of(base, Optional.empty(), base));

        assertThat(diff.rows()).isEmpty();
    }
}
