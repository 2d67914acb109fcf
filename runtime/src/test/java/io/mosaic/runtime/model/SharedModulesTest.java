package io.mosaic.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shared component is built once, used as the very same module by every slot that names it, and counted once. */
class SharedModulesTest {
    private static final String SHARED = """
            name: shared
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            shared:
              proj: { use: pointwise-projection, dim: 6, bias: true }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]
              audio: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            """;

    @Test
    void everySlotThatNamesASharedComponentUsesOneModuleWithOneParameterSetCountedOnce() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "shared.yaml", SHARED);
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            Block inText = model.slots().get("text").getChildren().values().get(2);
            Block inAudio = model.slots().get("audio").getChildren().values().get(2);
            assertThat(inText).isSameAs(inAudio).isSameAs(model.shared().get("proj"));
            assertThat(inText.getParameters().values()).extracting(Parameter::getId)
                    .containsExactlyElementsOf(inAudio.getParameters().values().stream().map(Parameter::getId)
                            .toList());

            // Named once, under shared/; never under the slots that use it.
            List<String> names = List.copyOf(model.parameters().keySet());
            assertThat(names).filteredOn(n -> n.startsWith("shared/proj/")).hasSize(2);
            assertThat(names).noneMatch(n -> n.startsWith("text/2/") || n.startsWith("audio/2/"));
            // A 8 -> 6 linear map with a bias: 8·6 + 6.
            assertThat(model.counts()).containsEntry("shared:proj", 54L)
                    .doesNotContainKeys("text[2]", "audio[2]");
            long distinct = model.parameters().values().stream().filter(p -> !io.mosaic.api.model.Module.isBuffer(p))
                    .mapToLong(p -> p.getArray().size()).sum();
            assertThat(model.totalParameters()).isEqualTo(distinct);

            NDManager manager = root.newSubManager();
            NDArray values = manager.randomUniform(-1, 1, new Shape(3, 8));
            Features input = Features.pooled(values);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray fromText = ((Encoder) inText).forward(store, input, new Taps(), false).values();
            NDArray fromAudio = ((Encoder) inAudio).forward(store, input, new Taps(), false).values();
            assertThat(fromText.toFloatArray()).containsExactly(fromAudio.toFloatArray());
            manager.close();

            // Freezing one slot that uses it freezes the shared module for every slot.
            model.freezeOnly(List.of("text"), List.of());
            assertThat(model.parameters().entrySet()).filteredOn(e -> e.getKey().startsWith("shared/"))
                    .allSatisfy(e -> assertThat(e.getValue().requiresGradient()).isFalse());
            assertThat(model.parameters().entrySet()).filteredOn(e -> e.getKey().startsWith("audio/"))
                    .allSatisfy(e -> assertThat(e.getValue().requiresGradient()).isTrue());
        }
    }

    @Test
    void aSlotThatPassesAnotherShapeThanTheFirstIsRefusedNamingBothSlotsAndShapes() {
        String yaml = SHARED.replace("{ use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]\n  vision",
                "{ use: gru, hidden: 5 }, masked-mean-pool, { shared: proj } ]\n  vision");
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "shared.yaml", yaml);
        try (NDManager root = NDManager.newBaseManager()) {
            AssemblyException e = catchThrowableOfType(AssemblyException.class,
                    () -> ModelBuilder.build(assembly, root).close());

            assertThat(e).hasMessage("shared.yaml:8: shared component 'proj' was built for slot text[2], which "
                    + "passes features [8]; slot audio[2] passes features [5] (a shared component takes one input "
                    + "shape)");
        }
    }

    @Test
    void threeSlotsShareOneModuleCountedOnce() {
        String yaml = SHARED.replace("vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]",
                "vision: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]");
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "shared.yaml", yaml);
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            assertThat(model.counts().keySet()).filteredOn(k -> k.startsWith("shared:")).containsExactly(
                    "shared:proj");
            assertThat(assembly.slotsSharing("proj")).containsExactly("text", "audio", "vision");
            assertThat(Map.copyOf(model.shared())).containsOnlyKeys("proj");
        }
    }
}
