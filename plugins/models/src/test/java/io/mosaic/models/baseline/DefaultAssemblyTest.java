package io.mosaic.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Network;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.models.support.AssembledContext;
import io.mosaic.models.support.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The default assembly the bundle ships: it names real components with valid parameters and builds. */
class DefaultAssemblyTest {
    private static final String RESOURCE = "mosaic/assemblies/baseline.yaml";
    /** mosi-like shapes: text 50 tokens (768-wide token features, as BERT's), audio 375 x 5, vision 500 x 20. */
    private static final Map<Modality, FeatureShape> MOSI_LIKE = Map.of(
            Modality.TEXT, FeatureShape.sequence(50, 768),
            Modality.AUDIO, FeatureShape.sequence(375, 5),
            Modality.VISION, FeatureShape.sequence(500, 20));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assembly() throws IOException {
        try (InputStream in = DefaultAssemblyTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesTheBaselinePipelineAndItsDefaults() throws IOException {
        Map<String, Object> assembly = assembly();

        assertThat(assembly).containsEntry("name", "baseline").containsEntry("seed", 1111);
        assertThat((Map<String, Object>) assembly.get("pipeline")).containsEntry("use", "baseline");
        assertThat((Map<String, Object>) assembly.get("data")).containsEntry("source", "testbed")
                .containsEntry("preset", "mosi-like").containsEntry("task", "regression");
        assertThat((Map<String, Object>) assembly.get("components"))
                .containsOnlyKeys("text", "audio", "vision", "fusion", "head");
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildsFromTheRealComponentsWithTheClosedFormParameterCount() throws IOException {
        Map<String, Object> assembly = assembly();
        BaselineFactory factory = new BaselineFactory();
        Map<String, Object> pipeline = new LinkedHashMap<>((Map<String, Object>) assembly.get("pipeline"));
        pipeline.remove("use");
        DataSpec data = new DataSpec(new EnumMap<>(MOSI_LIKE), 0, Task.parse((String)
                ((Map<String, Object>) assembly.get("data")).get("task")));

        long count;
        try (NDManager manager = NDManager.newBaseManager()) {
            Network network = factory.create(Parameters.of(factory.parameters(), pipeline),
                    new AssembledContext(manager, data, (Map<String, Object>) assembly.get("components")));
            count = network.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }

        // p·d + 3h(p + h) + 6h per modality, then the MLP 48 → 64 → 1
        long text = 32 * 768 + 3 * 32 * (32 + 32) + 6 * 32;
        long audio = 16 * 5 + 3 * 16 * (16 + 16) + 6 * 16;
        long vision = 16 * 20 + 3 * 16 * (16 + 16) + 6 * 16;
        long mlp = (32 + 16 + 16) * 64 + 64 + 64 + 1;
        assertThat(count).isEqualTo(text + audio + vision + mlp).isEqualTo(38_801);
    }

    @Test
    @SuppressWarnings("unchecked")
    void itsObjectivesAreRealComponentsWithValidParameters() throws IOException {
        List<Map<String, Object>> objectives = (List<Map<String, Object>>) assembly().get("objectives");
        DataSpec data = new DataSpec(new EnumMap<>(MOSI_LIKE), 0, Task.REGRESSION);

        assertThat(objectives).extracting(o -> o.get("use")).containsExactly("l1");
        for (Map<String, Object> objective : objectives) {
            Map<String, Object> spec = new LinkedHashMap<>(objective);
            spec.remove("weight");
            ObjectiveFactory factory = Catalog.factory((String) spec.get("use"), ObjectiveFactory.class);
            assertThat(factory.create(AssembledContext.parameters(factory, spec), data).taps())
                    .containsExactly("prediction");
        }
    }
}
