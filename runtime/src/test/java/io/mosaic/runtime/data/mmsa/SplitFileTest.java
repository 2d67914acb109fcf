package io.mosaic.runtime.data.mmsa;

import static io.mosaic.runtime.data.mmsa.Layouts.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFileTest {
    private static final MmsaSource SOURCE = new MmsaSource();
    /** Ids unique across the file's splits: tr0..tr3, va0..va1, te0..te1 with suffixes $_$0 / $_$1. */
    private static final Path DATA = resource("mmsa-numpy2-p5-f64.pkl");

    @TempDir
    Path dir;

    private Dataset open(Path data, String splitFile) throws IOException {
        Path path = dir.resolve("splits.yaml");
        Files.writeString(path, splitFile);
        return SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("file", data.toString(),
                "split-file", path.toString())), 1);
    }

    private static List<String> ids(Split split) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            ids.add(split.sample(i).id());
        }
        return ids;
    }

    @Test
    void repartitionsTheFileInTheListedOrder() throws IOException {
        Dataset dataset = open(DATA, """
                # an out-of-distribution repartition
                train: [tr0$_$0, va1$_$1, te0$_$0]
                valid: [tr1$_$1]
                test:
                  - tr2$_$0
                  - te1$_$1
                test-ood: [tr3$_$1]
                """);
        Dataset original = MmsaSourceTest.open(DATA);

        assertThat(dataset.description()).isEqualTo("mmsa mmsa-numpy2-p5-f64.pkl (splits from splits.yaml)");
        assertThat(dataset.splitNames()).containsExactly("train", "valid", "test", "test-ood");
        assertThat(ids(dataset.split("train"))).containsExactly("tr0$_$0", "va1$_$1", "te0$_$0");
        assertThat(ids(dataset.split("test"))).containsExactly("tr2$_$0", "te1$_$1");
        assertThat(ids(dataset.split("test-ood"))).containsExactly("tr3$_$1");
        // va1 is row 1 of the file's valid split: same score (1.6) and frames.
        assertThat(dataset.split("train").sample(1).score()).isEqualTo(1.6f);
        assertThat(dataset.split("train").sample(1).frames(io.mosaic.api.data.Modality.AUDIO).values())
                .containsExactly(original.split("valid").sample(1).frames(io.mosaic.api.data.Modality.AUDIO)
                        .values());
        assertThat(dataset.shapes()).isEqualTo(original.shapes());
        assertThat(dataset.vocabulary()).isEqualTo(original.vocabulary());
    }

    @Test
    void readsJson() throws IOException {
        Dataset dataset = open(DATA, """
                {"train": ["tr0$_$0", "tr1$_$1"], "valid": ["va0$_$0"], "test": ["te0$_$0"]}
                """);

        assertThat(ids(dataset.split("train"))).containsExactly("tr0$_$0", "tr1$_$1");
    }

    @Test
    void idsAreReadAsWrittenNotAsNumbers() {
        assertThatThrownBy(() -> open(DATA, "train: [007]\nvalid: [va0$_$0]\ntest: [te0$_$0]\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("split file " + dir.resolve("splits.yaml") + ": line 1: id '007' is not a sample id of "
                        + DATA);
    }

    @Test
    void noIdMayBeInTwoSplitsOrTwiceInOne() {
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0]\nvalid: [va0$_$0]\ntest: [te0$_$0, tr0$_$0]\n"))
                .hasMessage("split file " + dir.resolve("splits.yaml") + ": line 3: id 'tr0$_$0' is listed in split "
                        + "'train' already; no sample may be in two splits");
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0, tr0$_$0]\nvalid: [va0$_$0]\ntest: [te0$_$0]\n"))
                .hasMessageEndingWith("id 'tr0$_$0' is listed in split 'train' already");
    }

    @Test
    void theThreeSplitsAreRequiredAndNonEmpty() {
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0]\nvalid: [va0$_$0]\n"))
                .hasMessage("split file " + dir.resolve("splits.yaml") + ": has no split 'test'; it must list "
                        + "[train, valid, test], found [train, valid]");
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0]\nvalid: []\ntest: [te0$_$0]\n"))
                .hasMessageContaining("line 2: split 'valid' must be a non-empty list of sample ids");
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0]\nvalid: [{id: va0}]\ntest: [te0$_$0]\n"))
                .hasMessageContaining("line 2: split 'valid' must list sample ids, found a mapping");
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0]\ntrain: [tr1$_$1]\n"))
                .hasMessageContaining("line 2: split 'train' is listed twice");
        assertThatThrownBy(() -> open(DATA, "train eval: [tr0$_$0]\n"))
                .hasMessageContaining("line 1: a split name must be letters, digits, '-' or '_'");
    }

    @Test
    void malformedSplitFilesAreNamed() {
        assertThatThrownBy(() -> open(DATA, "- tr0$_$0\n- va0$_$0\n"))
                .hasMessage("split file " + dir.resolve("splits.yaml") + ": expected a mapping from split name to a "
                        + "list of ids, e.g. {train: [...], valid: [...], test: [...]}");
        assertThatThrownBy(() -> open(DATA, "train: [tr0$_$0\n"))
                .hasMessageStartingWith("split file " + dir.resolve("splits.yaml") + ": not YAML: ");
        Path absent = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("file", DATA.toString(),
                "split-file", absent.toString())), 1)).hasMessage("split file " + absent + ": no such file");
    }

    @Test
    void idsThatNameSeveralSamplesCannotBeAssigned() {
        // The shared fixture repeats vid0$_$0 in train, valid and test.
        Path mosi = resource("mmsa-mosi-like-tiny.pkl");

        assertThatThrownBy(() -> open(mosi, "train: [vid0$_$0]\nvalid: [vid3$_$0]\ntest: [vid4$_$1]\n"))
                .hasMessage("split file " + dir.resolve("splits.yaml") + ": line 1: id 'vid0$_$0' names more than "
                        + "one sample of " + mosi + "; a split file needs ids that are unique in the feature file");
    }
}
