package io.mosaic.runtime.data.mmsa;

import static io.mosaic.runtime.data.mmsa.Layouts.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NpzSourceTest {
    private static final NpzSource SOURCE = new NpzSource();

    private static Dataset open(Path file) {
        return SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("file", file.toString())), 1);
    }

    @Test
    void opensAnExportInTheMmsaLayout() {
        // mmsa-export.npz (savez_compressed): token_ids instead of text_bert; values printed with numpy, e.g.
        // train_token_ids == [[101, 1111, 1246, 1384, 102], [101, 2832, 102, 0, 0], [101, 1511, 1750, 102, 0]].
        Dataset dataset = open(resource("mmsa-export.npz"));

        assertThat(SOURCE.name()).isEqualTo("npz");
        assertThat(dataset.description()).isEqualTo("npz mmsa-export.npz");
        assertThat(dataset.splitNames()).containsExactly("train", "valid", "test");
        assertThat(dataset.split("train").size()).isEqualTo(3);
        assertThat(dataset.split("valid").size()).isEqualTo(2);
        assertThat(dataset.shapes()).isEqualTo(Map.of(Modality.TEXT, FeatureShape.sequence(5, 3),
                Modality.AUDIO, FeatureShape.sequence(4, 2), Modality.VISION, FeatureShape.sequence(6, 3)));
        Sample sample = dataset.split("train").sample(1);
        assertThat(sample.id()).isEqualTo("npt1$_$1");
        assertThat(sample.tokenIds()).containsExactly(101, 2832, 102, 0, 0);
        assertThat(sample.frames(Modality.TEXT).length()).isEqualTo(3);
        assertThat(dataset.split("train").sample(2).frames(Modality.TEXT).length()).isEqualTo(4);
        assertThat(sample.frames(Modality.AUDIO).length()).isEqualTo(3);
        assertThat(sample.frames(Modality.VISION).length()).isEqualTo(5);
        assertThat(sample.frames(Modality.VISION).at(5, 0)).isEqualTo(0.5175935626029968f);
        assertThat(sample.score()).isEqualTo(-0.6000000238418579f);
        assertThat(dataset.split("valid").sample(1).score()).isEqualTo(-3f);
    }

    @Test
    void arraysMustBeNamedBySplitAndKey() {
        Path file = resource("npz-bad-name.npz");

        assertThatThrownBy(() -> open(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": array 'training_audio' is not named <split>_<key> with split train, valid or "
                        + "test (e.g. train_audio)");
    }

    @Test
    void validatesLikeThePickle() {
        Path file = resource("npz-wrong-lengths.npz");

        assertThatThrownBy(() -> open(file)).hasMessage(file + ", split 'valid', key 'audio_lengths': expected 2 "
                + "rows (one per id), found a numpy array int64 [3]");
    }
}
