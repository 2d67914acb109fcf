package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataAlignmentTest {
    private static final DataIdentity REGRESSION = new DataIdentity("testbed", Map.of("preset", "tiny"), "regression",
            "mosi");
    private static final DataIdentity CLASSES = new DataIdentity("testbed", Map.of("preset", "tiny"), "classes-3",
            "polarity");

    private final Map<String, DataIdentity> data = new LinkedHashMap<>();
    private final Map<String, String> selection = new LinkedHashMap<>();
    private final List<List<String>> tried = new ArrayList<>();

    DataAlignmentTest() {
        data.put("baseline", REGRESSION);
        data.put("baseline-maci", CLASSES);
        selection.put("baseline", "mae");
        selection.put("baseline-maci", "f1_weighted");
    }

    @Test
    void theReferencesDataComeFirstThenWithItsSelectionMetric() {
        assertThat(DataAlignment.find(data, selection, settings -> tried.add(settings) && settings.size() == 3))
                .contains(List.of("data.task=regression", "data.metrics=mosi", "train.select.metric=mae"));
        assertThat(tried).hasSize(2);
    }

    @Test
    void anotherAssemblysDataAreTriedWhenTheReferencesDoNotWork() {
        assertThat(DataAlignment.find(data, selection, settings -> tried.add(settings)
                && settings.contains("data.task=classes-3") && settings.size() == 2))
                .contains(List.of("data.task=classes-3", "train.select.metric=f1_weighted"));
        assertThat(tried).containsExactly(
                List.of("data.task=regression", "data.metrics=mosi"),
                List.of("data.task=regression", "data.metrics=mosi", "train.select.metric=mae"),
                List.of("data.task=classes-3"),
                List.of("data.task=classes-3", "train.select.metric=f1_weighted"));
    }

    @Test
    void nothingIsProposedWhenNothingWorks() {
        assertThat(DataAlignment.find(data, selection, settings -> false)).isEmpty();
    }
}
