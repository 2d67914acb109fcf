package io.mosaic.runtime.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading one {@code --vary key=v1,v2,...}: values split at top-level commas, malformed options refused. */
class VariedKeyTest {

    @Test
    void valuesAreSplitAtCommasOutsideBracketsBracesAndQuotes() {
        assertThat(VariedKey.parse("objectives.coral.pairs=V-A,T-A,T-V,V+A,T-V/V+A"))
                .isEqualTo(new VariedKey("objectives.coral.pairs", List.of("V-A", "T-A", "T-V", "V+A", "T-V/V+A")));
        assertThat(VariedKey.parse(" data.train-domains = [0, 1], [0,[1,2]] ,{a: 1, b: 2},'x,y',\"p,q\"").values())
                .containsExactly("[0, 1]", "[0,[1,2]]", "{a: 1, b: 2}", "'x,y'", "\"p,q\"");
        assertThat(VariedKey.parse("train.epochs=3").values()).as("one value is one variant").containsExactly("3");
        assertThat(VariedKey.parse("train.optimizer.lr=1e-3,3e-3").setting("3e-3"))
                .isEqualTo("train.optimizer.lr=3e-3");
    }

    @Test
    void malformedOptionsAreRefusedNamingTheOption() {
        String usage = ": expected key.path=value,value,..., e.g. train.optimizer.lr=1e-3,3e-3";
        for (String noKey : List.of("train.epochs", "=1,2", "train..epochs=1", "train.=1", ".epochs=1")) {
            assertThatThrownBy(() -> VariedKey.parse(noKey)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--vary " + noKey + usage);
        }
        for (String empty : List.of("train.epochs=", "train.epochs=1,,2", "train.epochs=1,", "train.epochs= ,1")) {
            assertThatThrownBy(() -> VariedKey.parse(empty)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--vary " + empty + ": expected a value between every two commas");
        }
        assertThatThrownBy(() -> VariedKey.parse("train.epochs=1,2, 1"))
                .hasMessage("--vary train.epochs=1,2, 1: the value '1' is given twice; each value is one variant");
        assertThatThrownBy(() -> VariedKey.parse("data.train-domains=[0,1,[2]"))
                .hasMessageStartingWith("--vary data.train-domains=[0,1,[2]: unbalanced brackets; a value with commas");
        assertThatThrownBy(() -> VariedKey.parse("data.train-domains=0],[1"))
                .hasMessageStartingWith("--vary data.train-domains=0],[1: unbalanced brackets");
        assertThatThrownBy(() -> VariedKey.parse("description='a,b"))
                .hasMessageStartingWith("--vary description='a,b: unbalanced quotes");
    }

    @Test
    void theSeedsAndTheDataSeedCannotVary() {
        assertThatThrownBy(() -> VariedKey.parse("seed=1,2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--vary seed=1,2: every variant trains with the same seeds (--seeds) on the same data; "
                        + "vary another key");
        assertThatThrownBy(() -> VariedKey.parse("data.seed=1,2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--vary data.seed=1,2: every variant trains with the same seeds");
    }
}
