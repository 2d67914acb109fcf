package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
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

        assertThatCode(() -> DataIdentity.requireSame(data)).doesNotThrowAnyException();
    }

    @Test
    void anotherPresetIsRefusedNamingBothAssembliesAndTheirData() {
        Map<String, DataIdentity> data = new LinkedHashMap<>();
        data.put("baseline", TINY);
        data.put("wide", new DataIdentity("testbed", Map.of("preset", "mosi-like"), "regression", "mosi"));

        assertThatThrownBy(() -> DataIdentity.requireSame(data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wide' reads testbed {preset=mosi-like}")
                .hasMessageContaining("'baseline' reads testbed {preset=tiny}");
    }

    @Test
    void anotherTaskOrSourceIsRefused() {
        Map<String, DataIdentity> task = new LinkedHashMap<>();
        task.put("baseline", TINY);
        task.put("maci", new DataIdentity("testbed", Map.of("preset", "tiny"), "classes-3", "mosi"));
        Map<String, DataIdentity> source = new LinkedHashMap<>();
        source.put("baseline", TINY);
        source.put("pickled", new DataIdentity("mmsa", Map.of("preset", "tiny"), "regression", "mosi"));

        assertThatThrownBy(() -> DataIdentity.requireSame(task)).hasMessageContaining("task classes-3");
        assertThatThrownBy(() -> DataIdentity.requireSame(source)).hasMessageContaining("'pickled' reads mmsa");
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
}
