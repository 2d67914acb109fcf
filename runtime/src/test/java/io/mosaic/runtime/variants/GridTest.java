package io.mosaic.runtime.variants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The product of several {@code --vary} keys, the variants' names and settings, and their folders. */
class GridTest {

    @Test
    void severalKeysGiveTheirProductWithTheFirstValuesFirst() {
        Grid grid = Grid.of(List.of("train.optimizer.lr=1e-3,3e-3", "components.fusion.heads=1,2,4"), List.of());

        List<Variant> variants = grid.variants(List.of("baseline"));

        assertThat(variants).hasSize(2 * 3);
        assertThat(variants).extracting(v -> v.name("baseline")).containsExactly(
                "baseline[lr=1e-3,heads=1]", "baseline[lr=1e-3,heads=2]", "baseline[lr=1e-3,heads=4]",
                "baseline[lr=3e-3,heads=1]", "baseline[lr=3e-3,heads=2]", "baseline[lr=3e-3,heads=4]");
        assertThat(variants.get(4).settings())
                .containsExactly("train.optimizer.lr=3e-3", "components.fusion.heads=2");
        assertThat(variants).allMatch(v -> v.source().equals("baseline") && v.varied());
    }

    @Test
    void everyAssemblyTakesEveryCombinationInTheOrderGiven() {
        List<Variant> variants = Grid.of(List.of("objectives.coral.pairs=V-A,T-V/V+A"), List.of())
                .variants(List.of("coral-ulgm", "my.yaml"));

        assertThat(variants).extracting(Variant::describe).containsExactly("coral-ulgm[pairs=V-A]",
                "coral-ulgm[pairs=T-V/V+A]", "my.yaml[pairs=V-A]", "my.yaml[pairs=T-V/V+A]");
        assertThat(variants.get(1).name("coral")).isEqualTo("coral[pairs=T-V/V+A]");
    }

    @Test
    void noVariedKeyLeavesEveryAssemblyAsItIs() {
        Grid grid = Grid.of(List.of(), List.of("train.epochs=3"));

        assertThat(grid.isEmpty()).isTrue();
        assertThat(grid.variants(List.of("baseline", "cider"))).containsExactly(Variant.of("baseline"),
                Variant.of("cider"));
        assertThat(Variant.of("baseline").name("baseline")).isEqualTo("baseline");
        assertThat(Variant.of("baseline").varied()).isFalse();
    }

    @Test
    void keysWithTheSameLastSegmentAreNamedByAsManySegmentsAsTellThemApart() {
        Grid grid = Grid.of(List.of("components.text.0.hidden=8", "components.audio.0.hidden=4",
                "components.head.hidden=[8]", "train.epochs=2"), List.of());

        assertThat(grid.names()).containsExactly("text.0.hidden", "audio.0.hidden", "head.hidden", "epochs");
        assertThat(grid.variants(List.of("b")).get(0).label())
                .isEqualTo("[text.0.hidden=8,audio.0.hidden=4,head.hidden=[8],epochs=2]");
    }

    @Test
    void aKeyVariedTwiceOrAlsoSetIsRefused() {
        assertThatThrownBy(() -> Grid.of(List.of("train.epochs=1,2", "train.epochs=3"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--vary train.epochs is given twice; give all its values in one --vary");
        assertThatThrownBy(() -> Grid.of(List.of("train.epochs=1,2"), List.of("data.preset=tiny", "train.epochs=3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--set train.epochs and --vary train.epochs set the same key; give its values in --vary "
                        + "alone");
    }

    @Test
    void foldersAreSafeDistinctAndBounded() {
        String longName = "b[description=" + "x".repeat(200) + "]";

        List<String> folders = Variant.folders(List.of("coral[pairs=T-V/V+A]", "coral[pairs=T-V_V+A]",
                "b[head.hidden=[8, 4]]", "b[d={a: 1}]", longName, longName));

        assertThat(folders).containsExactly("coral[pairs=T-V_V+A]", "coral[pairs=T-V_V+A]-2",
                "b[head.hidden=[8,_4]]", "b[d=_a__1_]", longName.substring(0, Variant.MAX_FOLDER),
                longName.substring(0, Variant.MAX_FOLDER) + "-2");
    }
}
