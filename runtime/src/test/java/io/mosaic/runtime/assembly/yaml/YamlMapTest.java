package io.mosaic.runtime.assembly.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlMapTest {

    @Test
    void aBlockThatNamesAnotherComponentOrSourceReplacesTheBlockInsteadOfMergingIt() {
        YamlMap base = (YamlMap) YamlReader.read("base.yaml", """
                head: { use: mlp, hidden: [64], dropout: 0.1 }
                fusion: { use: concat }
                data: { source: testbed, preset: tiny, task: regression }
                """);
        YamlMap overlay = (YamlMap) YamlReader.read("child.yaml", """
                head: { use: linear-head }
                fusion: { use: concat, extra: 1 }
                data: { source: mmsa, file: mosi.pkl }
                """);

        YamlMap merged = base.mergedWith(overlay);

        assertThat(merged.toPlain()).isEqualTo(Map.of(
                "head", Map.of("use", "linear-head"),
                "fusion", Map.of("use", "concat", "extra", 1L),
                "data", Map.of("source", "mmsa", "file", "mosi.pkl")));
    }

    @Test
    void anOverlayMergesNestedMappingsKeyByKeyAndReplacesEverythingElse() {
        YamlMap base = (YamlMap) YamlReader.read("base.yaml", """
                name: base
                train:
                  epochs: 20
                  optimizer: { use: adam, lr: 0.001 }
                head: { use: mlp, hidden: [64, 32] }
                objectives: [ l1, mse ]
                """);
        YamlMap overlay = (YamlMap) YamlReader.read("child.yaml", """
                train:
                  optimizer: { lr: 0.01 }
                head: { hidden: [16] }
                objectives: l1
                seed: 7
                """);

        YamlMap merged = base.mergedWith(overlay);

        assertThat(merged.toPlain()).isEqualTo(Map.of(
                "name", "base",
                "train", Map.of("epochs", 20L, "optimizer", Map.of("use", "adam", "lr", 0.01)),
                "head", Map.of("use", "mlp", "hidden", List.of(16L)),
                "objectives", "l1",
                "seed", 7L));
        assertThat(merged.entries().keySet()).containsExactly("name", "train", "head", "objectives", "seed");
    }

    @Test
    void mergedValuesKeepTheLinesTheyWereWrittenAt() {
        YamlMap base = (YamlMap) YamlReader.read("base.yaml", "name: base\ntrain:\n  epochs: 20\n  batch: 32\n");
        YamlMap overlay = (YamlMap) YamlReader.read("child.yaml", "train:\n  batch: 8\n");

        YamlMap train = (YamlMap) base.mergedWith(overlay).get("train").orElseThrow();

        assertThat(train.get("epochs").orElseThrow().origin()).isEqualTo(new Origin("base.yaml", 3));
        assertThat(train.get("batch").orElseThrow().origin()).isEqualTo(new Origin("child.yaml", 2));
    }
}
