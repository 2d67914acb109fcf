package io.mosaic.models.selfmm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Network;
import io.mosaic.models.support.AssembledContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** The shipped {@code self-mm} assembly, the shapes the tests build it for, and batches of those shapes. */
final class SelfMmAssembly {
    static final String RESOURCE = "mosaic/assemblies/self-mm.yaml";

    private SelfMmAssembly() {
    }

    static Map<String, Object> load() throws IOException {
        try (InputStream in = SelfMmAssembly.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new Yaml(new Constructor(new LoaderOptions()), new Representer(new DumperOptions()),
                    new DumperOptions(), new LoaderOptions(), new Yaml12Booleans()).load(in);
        }
    }

    /** YAML 1.2's booleans, as the runtime reads assemblies: only true and false ({@code on: ...} stays a key). */
    private static final class Yaml12Booleans extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|false)$"), "tf");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /** A modifiable copy of the assembly's {@code components:}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> components() throws IOException {
        return new LinkedHashMap<>((Map<String, Object>) load().get("components"));
    }

    /** The {@code tiny} testbed's shapes: text 12 × 8, audio 20 × 4, vision 24 × 6. */
    static DataSpec tiny() {
        return spec(FeatureShape.sequence(12, 8), FeatureShape.sequence(20, 4), FeatureShape.sequence(24, 6));
    }

    /** MOSI's unaligned shapes with BERT-wide token features: text 50 × 768, audio 375 × 5, vision 500 × 20. */
    static DataSpec mosi() {
        return spec(FeatureShape.sequence(50, 768), FeatureShape.sequence(375, 5), FeatureShape.sequence(500, 20));
    }

    private static DataSpec spec(FeatureShape text, FeatureShape audio, FeatureShape vision) {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, text);
        inputs.put(Modality.AUDIO, audio);
        inputs.put(Modality.VISION, vision);
        return new DataSpec(inputs, 0, Task.REGRESSION);
    }

    static Network build(NDManager manager, DataSpec data, Map<String, Object> components) {
        SelfMmFactory factory = new SelfMmFactory();
        return factory.create(Parameters.of(factory.parameters(), Map.of()),
                new AssembledContext(manager, data, components));
    }

    /**
     * {@code size} samples of the tiny shapes, normal frames, lengths from full down to 1, scores spread over
     * [−3, 3]; the frames come from the engine's seeded stream.
     */
    static Batch batch(NDManager manager, int size) {
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        tiny().inputs().forEach((modality, shape) -> {
            long[] lengths = IntStream.range(0, size).mapToLong(i -> Math.max(1, shape.steps() - 3L * i)).toArray();
            inputs.put(modality, Features.sequence(manager.randomNormal(new Shape(size, shape.steps(), shape.dim())),
                    manager.create(lengths)));
        });
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            scores[i] = size == 1 ? 0 : -3 + 6f * i / (size - 1);
        }
        NDArray y = manager.create(scores);
        return new Batch(IntStream.range(0, size).mapToObj(i -> "s" + i).toList(), inputs, Optional.empty(), y, y,
                manager.zeros(new Shape(size), DataType.INT64));
    }

    /** {@code batch} with other audio frames, every other input as it was. */
    static Batch withOtherAudio(NDManager manager, Batch batch) {
        Map<Modality, Features> inputs = new EnumMap<>(batch.inputs());
        Features audio = batch.input(Modality.AUDIO);
        inputs.put(Modality.AUDIO, audio.withValues(manager.randomNormal(audio.values().getShape())));
        return new Batch(batch.ids(), inputs, batch.tokenIds(), batch.scores(), batch.labels(), batch.domains());
    }

    /** The tap names of a modality's own prediction, in modality order. */
    static List<String> unimodalPredictions() {
        return List.of(Modality.values()).stream().map(SelfMmFactory::predictionTap).toList();
    }
}
