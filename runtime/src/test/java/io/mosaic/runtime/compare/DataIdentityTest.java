package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataIdentityTest {
    private static final DataIdentity TINY = new DataIdentity("testbed", Map.of("preset", "tiny"), "regression",
            "mosi");

    @Test
    void assembliesOnTheSameDataPass() {
        Map<String, DataIdentity> data = new LinkedHashMap<>();
        data.put("baseline", TINY);
        data.put("baseline-rmfm", new DataIdentity("testbed", Map.of("preset", "tiny"), "regression", "mosi"));

        assertThat(DataIdentity.difference(data)).isEmpty();
    }

    @Test
    void anotherPresetIsRefusedNamingBothAssembliesAndTheirData() {
        Map<String, DataIdentity> data = new LinkedHashMap<>();
        data.put("baseline", TINY);
        data.put("wide", new DataIdentity("testbed", Map.of("preset", "mosi-like"), "regression", "mosi"));

        assertThat(DataIdentity.difference(data)).hasValueSatisfying(difference -> assertThat(difference)
                .contains("'wide' reads testbed {preset=mosi-like}").contains("'baseline' reads testbed {preset=tiny}"));
    }

    @Test
    void anotherTaskOrSourceIsRefused() {
        Map<String, DataIdentity> task = new LinkedHashMap<>();
        task.put("baseline", TINY);
        task.put("maci", new DataIdentity("testbed", Map.of("preset", "tiny"), "classes-3", "mosi"));
        Map<String, DataIdentity> source = new LinkedHashMap<>();
        source.put("baseline", TINY);
        source.put("pickled", new DataIdentity("mmsa", Map.of("preset", "tiny"), "regression", "mosi"));

        assertThat(DataIdentity.difference(task)).hasValueSatisfying(d -> assertThat(d).contains("task classes-3"));
        assertThat(DataIdentity.difference(source)).hasValueSatisfying(d -> assertThat(d)
                .contains("'pickled' reads mmsa"));
    }

    @Test
    void parameterOrderDoesNotMatter() {
        Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("preset", "tiny");
        forward.put("size", 64);
        Map<String, Object> backward = new LinkedHashMap<>();
        backward.put("size", 64);
        backward.put("preset", "tiny");

        assertThat(new DataIdentity("testbed", forward, "regression", "mosi"))
                .isEqualTo(new DataIdentity("testbed", backward, "regression", "mosi"));
    }

    @Test
    void theSettingsToReadOtherDataNameEachDifferingKey() {
        DataIdentity classes = new DataIdentity("testbed", Map.of("preset", "mosi-like"), "classes-3", "polarity");
        DataIdentity file = new DataIdentity("mmsa", Map.of("file", "/data/mosi.pkl", "preset", "tiny"),
                "regression", "mosi");

        assertThat(classes.settingsToRead(TINY)).containsExactly("data.preset=tiny", "data.task=regression",
                "data.metrics=mosi");
        assertThat(TINY.settingsToRead(classes)).containsExactly("data.preset=mosi-like", "data.task=classes-3");
        assertThat(TINY.settingsToRead(file)).containsExactly("data.source=mmsa", "data.file=/data/mosi.pkl",
                "data.preset=tiny");
        assertThat(TINY.settingsToRead(TINY)).isEmpty();
        assertThat(DataAlignment.asOptions(List.of("data.task=regression", "data.train-domains=[0, 1]")))
                .isEqualTo("--set data.task=regression --set 'data.train-domains=[0, 1]'");
    }
}
