package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mosaic.runtime.assembly.AssemblyException.Problem;
import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structure of an assembly, checked before any component is looked up; every problem at its line. */
class AssemblyParserTest {
    private static final String FILE = "experiments/shape.yaml";

    @Test
    void readsEveryBlockAsWritten() {
        Assembly assembly = Assemblies.load(FILE, """
                name: shape
                description: A test.
                pipeline: "baseline@[0.1,1)"
                seed: 7
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  fusion: { use: concat, bundle: io.mosaic.fusion }
                objectives:
                  - l1
                  - { use: mse, weight: 0.5, on: prediction }
                train:
                  epochs: 3
                  optimizer: { lr: 0.01 }
                  select: { metric: mae }
                  stages:
                    - { name: a, epochs: 1 }
                """);

        assertThat(assembly.name()).isEqualTo("shape");
        assertThat(assembly.description()).isEqualTo("A test.");
        assertThat(assembly.source()).isEqualTo(FILE);
        assertThat(assembly.pipeline().ref().toString()).isEqualTo("baseline@[0.1.0,1.0.0)");
        assertThat(assembly.seed()).isEqualTo(7);
        SlotFill text = assembly.components().get("text");
        assertThat(text.listed()).isTrue();
        assertThat(text.components()).extracting(u -> u.ref().name()).containsExactly("gru", "masked-mean-pool");
        assertThat(text.components().get(0).parameters()).isEqualTo(Map.of("hidden", 8L));
        assertThat(text.components().get(0).originOf("hidden")).isEqualTo(new Origin(FILE, 7));
        SlotFill fusion = assembly.components().get("fusion");
        assertThat(fusion.listed()).isFalse();
        assertThat(fusion.components().get(0).bundle()).contains("io.mosaic.fusion");
        assertThat(fusion.components().get(0).parameters()).isEmpty();
        assertThat(assembly.objectives().get(0).settings().values()).isEmpty();
        assertThat(assembly.objectives().get(1).settings().values().get("weight").toPlain()).isEqualTo(0.5);
        assertThat(assembly.objectives().get(1).component().parameters()).isEqualTo(Map.of("on", "prediction"));
        assertThat(assembly.train().settings().values()).containsOnlyKeys("epochs");
        assertThat(assembly.train().optimizer().values()).containsOnlyKeys("lr");
        assertThat(assembly.train().stages()).hasSize(1);
        assertThat(assembly.backend().values()).isEmpty();
    }

    @Test
    void theSeedDefaultsTo1111() {
        Assembly assembly = Assemblies.load(FILE, "name: s\npipeline: baseline\ndata: { source: testbed }\n");

        assertThat(assembly.seed()).isEqualTo(1111);
    }

    @Test
    void anUnknownTopLevelKeySuggestsTheClosestOne() {
        AssemblyException e = rejected("""
                name: shape
                pipeline: baseline
                data: { source: testbed }
                objective:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":4: unknown top-level key 'objective'; did you mean 'objectives'? Known: "
                + "backend, components, data, debiasers, description, evaluate, extends, name, objectives, pipeline, "
                + "seed, shared, train.");
    }

    @Test
    void anUnknownTopLevelKeyWithoutACloseOneListsTheKnownKeys() {
        AssemblyException e = rejected("""
                name: shape
                pipeline: baseline
                data: { source: testbed }
                schedule: fast
                """);

        assertThat(e).hasMessage(FILE + ":4: unknown top-level key 'schedule'. Known: backend, components, data, "
                + "debiasers, description, evaluate, extends, name, objectives, pipeline, seed, shared, train.");
    }

    @Test
    void missingNamePipelineAndDataAreReportedTogether() {
        AssemblyException e = rejected("""
                description: nothing else
                seed: 3
                """);

        assertThat(e.problems()).containsExactly(
                new Problem(new Origin(FILE, 1), "missing 'name': the assembly must name itself, e.g. "
                        + "'name: my-baseline'"),
                new Problem(new Origin(FILE, 1), "missing 'pipeline': the assembly must name the pipeline, e.g. "
                        + "'pipeline: baseline'"),
                new Problem(new Origin(FILE, 1), "missing 'data': the assembly must name the data block, e.g. "
                        + "'data: { source: testbed }'"));
        assertThat(e.getMessage()).startsWith("3 problems:\n  " + FILE + ":1: missing 'name'");
    }

    @Test
    void aMalformedVersionRangeSaysWhatARangeLooksLike() {
        AssemblyException e = rejected("""
                name: shape
                pipeline: baseline
                data: { source: testbed }
                components:
                  text: [ "gru@[1.0,2.0" ]
                """);

        assertThat(e).hasMessage(FILE + ":5: components.text: '[1.0,2.0' is not a version range; expected e.g. 1.2, "
                + "[1.0,2.0) or =1.2.0");
    }

    @Test
    void everyMalformedEntryIsReportedAtItsLine() {
        AssemblyException e = rejected("""
                name: shape
                pipeline: { hidden: 3 }
                seed: soon
                data: testbed
                components:
                  text: [ 42 ]
                  audio: []
                objectives:
                  - { use: l1, weight: 0.5 }
                train:
                  stages: { name: a }
                """);

        assertThat(e.problems()).containsExactly(
                new Problem(new Origin(FILE, 2), "pipeline: missing 'use: <component name>'"),
                new Problem(new Origin(FILE, 3), "seed: expected an integer, found a string 'soon'"),
                new Problem(new Origin(FILE, 4), "data: expected a mapping, found a string 'testbed'"),
                new Problem(new Origin(FILE, 6), "components.text: expected a component name or a mapping with "
                        + "'use', found an integer (42)"),
                new Problem(new Origin(FILE, 7), "components.audio: the list is empty"),
                new Problem(new Origin(FILE, 11), "train.stages: expected a list of stages, found a mapping"));
    }

    @Test
    void objectivesAreAList() {
        AssemblyException e = rejected("""
                name: shape
                pipeline: baseline
                data: { source: testbed }
                objectives: { use: l1 }
                """);

        assertThat(e).hasMessage(FILE + ":4: objectives: expected a list such as '- { use: l1 }', found a mapping");
    }

    @Test
    void aDocumentThatIsNoMappingIsRefused() {
        assertThatThrownBy(() -> Assemblies.load(FILE, "- name: shape\n"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":1: not an assembly: an assembly is a YAML mapping of keys such as name, "
                        + "pipeline, data, components; this file holds a list");
    }

    @Test
    void problemsKeepTheOrderTheyWereFoundIn() {
        AssemblyException e = rejected("""
                nmae: shape
                pipeline: baseline
                data: { source: testbed }
                """);

        assertThat(e.problems()).extracting(Problem::origin).containsExactly(new Origin(FILE, 1),
                new Origin(FILE, 1));
        assertThat(e.problems()).extracting(Problem::message).satisfiesExactly(
                first -> assertThat(first).startsWith("unknown top-level key 'nmae'; did you mean 'name'?"),
                second -> assertThat(second).isEqualTo("missing 'name': the assembly must name itself, e.g. "
                        + "'name: my-baseline'"));
        assertThat(List.of(e.getMessage().split("\n"))).hasSize(3);
    }

    private static AssemblyException rejected(String yaml) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.load(FILE, yaml));
        assertThat(e).as("parsing should fail").isNotNull();
        return e;
    }
}
