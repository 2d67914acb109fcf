package io.mosaic.runtime.train.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.NoDecay;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ScaledL1Factory;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A model's parameters split into the optimizer's groups as MMSA's Self-MM splits them (reference/mmsa.md §3.3):
 * each parameter in exactly one group, a group's biases and LayerNorm weights apart without weight decay.
 */
class ParameterGroupsTest {
    /** Self-MM's grouping on the tiny testbed: a text encoder with a LayerNorm, the audio and vision subnets. */
    private static final String SELF_MM_LIKE = """
            name: groups
            seed: 7
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: pointwise-projection, dim: 8, bias: true, layer-norm: true }, { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            train:
              optimizer:
                lr: 0.001
                weight-decay: 0.01
                groups:
                  - { slots: [text], lr: 5.0e-5, weight-decay: 0.001, no-decay: [bias, layer-norm] }
                  - { slots: [audio, vision], lr: 0.005 }
            """;
    /** Names of biases, LayerNorm scales and LayerNorm shifts. */
    private static final Pattern EXEMPT = Pattern.compile("(?i).*_(bias|gamma|beta)$");

    @Test
    void everyParameterIsInExactlyOneGroupWithItsGroupsHyperparameters() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "groups.yaml", SELF_MM_LIKE);
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            AdamConfig optimizer = AdamConfig.defaults().withWeightDecay(0.01);

            List<ParameterGroup> groups = ParameterGroups.of(assembly.train(), model.trainable());

            assertThat(groups).extracting(ParameterGroup::name)
                    .containsExactly("text", "text (no decay)", "audio, vision", "default");
            assertThat(groups).extracting(ParameterGroup::config).containsExactly(
                    optimizer.withLearningRate(5e-5).withWeightDecay(0.001),
                    optimizer.withLearningRate(5e-5).withWeightDecay(0.0),
                    optimizer.withLearningRate(0.005),
                    optimizer);
            List<String> grouped = new ArrayList<>();
            groups.forEach(group -> grouped.addAll(group.parameters().keys()));
            assertThat(grouped).as("each trainable parameter once").containsExactlyInAnyOrderElementsOf(
                    model.trainable().keySet());
            assertThat(groups.stream().mapToLong(ParameterGroup::size).sum()).isEqualTo(model.totalParameters());

            assertThat(groups.get(0).parameters().keys()).allMatch(name -> name.startsWith("text/"))
                    .noneMatch(name -> EXEMPT.matcher(name).matches()).isNotEmpty();
            assertThat(groups.get(1).parameters().keys()).allMatch(name -> name.startsWith("text/"))
                    .allMatch(name -> EXEMPT.matcher(name).matches())
                    .anyMatch(name -> name.endsWith("norm_gamma")).anyMatch(name -> name.endsWith("norm_beta"));
            // The projection's bias (8), the LayerNorm's γ and β (8 each) and the GRU's b_ih and b_hh (3 · 8 each).
            assertThat(groups.get(1).size()).isEqualTo(8 + 8 + 8 + 2 * 3 * 8);
            assertThat(groups.get(2).parameters().keys())
                    .allMatch(name -> name.startsWith("audio/") || name.startsWith("vision/"))
                    .anyMatch(name -> name.startsWith("audio/")).anyMatch(name -> name.startsWith("vision/"))
                    .as("a group without no-decay keeps its biases").anyMatch(name -> EXEMPT.matcher(name).matches());
            assertThat(groups.get(3).parameters().keys()).isNotEmpty().allMatch(name -> name.startsWith("head/"));
        }
    }

    @Test
    void anObjectivesParametersAreInTheDefaultGroupUnlessAGroupNamesThem() {
        String yaml = SELF_MM_LIKE.replace("  - l1\n", "  - l1\n  - { use: scaled-l1, start: 2 }\n");
        String scale = "objective/scaled-l1/scale";

        assertThat(groupOf(scale, Assemblies.resolve(ScaledL1Factory.installed(), "groups.yaml", yaml)))
                .isEqualTo(ParameterGroups.DEFAULT);
        assertThat(groupOf(scale, Assemblies.resolve(ScaledL1Factory.installed(), "groups.yaml",
                yaml + "      - { slots: [\"objective:scaled-l1\"], lr: 0.0 }\n")))
                .isEqualTo("objective:scaled-l1");
    }

    @Test
    void aParametersPartIsItsSlotOrWhatOwnsItAndItsNoDecayKindComesFromItsTypeOrName() {
        assertThat(BuiltModel.partOf("text/01linear_bias")).isEqualTo("text");
        assertThat(BuiltModel.partOf("shared/proj/01linear_weight")).isEqualTo("shared:proj");
        assertThat(BuiltModel.partOf("objective/cmd#2/weight")).isEqualTo("objective:cmd#2");
        assertThat(BuiltModel.partOf("pipeline/03reconstruct_bias")).isEqualTo("pipeline");
        Set<NoDecay> bias = Set.of(NoDecay.BIAS);
        Set<NoDecay> norm = Set.of(NoDecay.LAYER_NORM);
        assertThat(ParameterGroups.isExempt(parameter("bias", Parameter.Type.BIAS), bias)).isTrue();
        assertThat(ParameterGroups.isExempt(parameter("in_proj_bias", Parameter.Type.WEIGHT), bias)).isTrue();
        assertThat(ParameterGroups.isExempt(parameter("weight", Parameter.Type.WEIGHT), bias)).isFalse();
        assertThat(ParameterGroups.isExempt(parameter("gamma", Parameter.Type.GAMMA), bias)).isFalse();
        assertThat(ParameterGroups.isExempt(parameter("gamma", Parameter.Type.GAMMA), norm)).isTrue();
        assertThat(ParameterGroups.isExempt(parameter("beta", Parameter.Type.WEIGHT), norm)).isTrue();
        assertThat(ParameterGroups.isExempt(parameter("bias", Parameter.Type.BIAS), norm)).isFalse();
    }

    private static Parameter parameter(String name, Parameter.Type type) {
        return Parameter.builder().setName(name).setType(type).build();
    }

    private static String groupOf(String parameter, ResolvedAssembly assembly) {
        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            Map<String, Parameter> trainable = model.trainable();
            return ParameterGroups.of(assembly.train(), trainable).stream()
                    .filter(group -> group.parameters().keys().contains(parameter))
                    .map(ParameterGroup::name).reduce((a, b) -> a + " and " + b).orElseThrow();
        }
    }
}
