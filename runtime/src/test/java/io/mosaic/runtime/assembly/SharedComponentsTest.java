package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A component instance shared by several slots: named once under {@code shared:} and used by {@code { shared: name }}
 * in slots and chains; parsed, resolved, merged, overridden and written back so that the written file runs as is.
 */
class SharedComponentsTest {
    private static final String FILE = "experiments/shared.yaml";
    private static final String SHARED = """
            name: shared
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            shared:
              proj: { use: pointwise-projection, dim: 6 }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]
              audio: [ { use: gru, hidden: 8 }, masked-mean-pool, { shared: proj } ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            """;

    private final InstalledComponents installed = InstalledComponents.builtIn();

    @Test
    void aReferenceCarriesTheDefinitionAndItsOwnLine() {
        Assembly assembly = Assemblies.load(FILE, SHARED);

        ComponentUse definition = assembly.shared().get("proj");
        assertThat(definition.ref().name()).isEqualTo("pointwise-projection");
        assertThat(definition.shared()).isEmpty();
        ComponentUse reference = assembly.components().get("audio").components().get(2);
        assertThat(reference.shared()).contains("proj");
        assertThat(reference.parameters()).isEqualTo(Map.of("dim", 6L));
        assertThat(reference.origin()).isEqualTo(new Origin(FILE, 8));
        assertThat(reference.originOf("dim")).isEqualTo(new Origin(FILE, 5));
    }

    @Test
    void theSlotsThatUseASharedComponentResolveToItsOneDefinition() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, SHARED);

        assertThat(resolved.shared()).containsOnlyKeys("proj");
        assertThat(resolved.shared().get("proj").parameters().integer("dim")).isEqualTo(6);
        assertThat(resolved.slotsSharing("proj")).containsExactly("text", "audio");
        ResolvedComponent inText = resolved.slots().get("text").get(2);
        assertThat(inText.component()).isSameAs(resolved.shared().get("proj").component());
        assertThat(inText.use().shared()).contains("proj");
        assertThat(resolved.warnings()).isEmpty();
        assertThat(installed.builds()).isZero();
    }

    @Test
    void anOverrideAndAnExtendingAssemblySetASharedComponentsParameters() {
        ResolvedAssembly overridden = Assemblies.resolve(installed, FILE, SHARED, "shared.proj.dim=3");
        assertThat(overridden.shared().get("proj").parameters().integer("dim")).isEqualTo(3);
        assertThat(overridden.slots().get("audio").get(2).parameters().integer("dim")).isEqualTo(3);

        AssemblyText child = Assemblies.text("child.yaml", """
                extends: shared
                name: child
                shared:
                  proj: { dim: 5, bias: true }
                """);
        ResolvedAssembly extended = Assemblies.resolver(installed)
                .resolve(Assemblies.loader(Map.of("shared", Assemblies.text("shared.yaml", SHARED))).load(child));
        assertThat(extended.shared().get("proj").parameters().asMap()).isEqualTo(Map.of("dim", 5, "bias", true,
                "activation", "none", "layer-norm", false));
    }

    @Test
    void theWrittenAssemblyKeepsTheSharedBlockAndTheReferencesAndResolvesToTheSameBody() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, SHARED);
        String written = ResolvedAssemblyWriter.toYaml(resolved);

        assertThat(written).contains("""
                shared:
                  proj:
                    use: pointwise-projection@=0.1.0
                    bundle: io.mosaic.encoders
                    dim: 6
                    bias: false
                    activation: none
                    layer-norm: false
                components:
                """);
        assertThat(written).contains("""
                  - shared: proj
                  audio:
                """);
        ResolvedAssembly again = Assemblies.resolve(installed, "runs/x/assembly.resolved.yaml", written);
        assertThat(ResolvedAssemblyWriter.body(again)).isEqualTo(ResolvedAssemblyWriter.body(resolved));
        assertThat(ResolvedAssemblyWriter.differences(resolved, Assemblies.resolve(installed, FILE, SHARED,
                "shared.proj.dim=3"))).containsExactly(new ResolvedAssemblyWriter.Difference("shared.proj.dim", 6, 3));
    }

    @Test
    void aReferenceToAnUnknownNameIsReportedAtItsLineWithTheDefinedNames() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.load(FILE,
                SHARED.replace("masked-mean-pool, { shared: proj } ]\n  vision", "masked-mean-pool, "
                        + "{ shared: projj } ]\n  vision")));

        assertThat(e).hasMessage(FILE + ":8: components.audio: no shared component 'projj'; shared: proj");
    }

    @Test
    void aReferenceTakesNoSettingsBesideIt() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.load(FILE,
                SHARED.replace("{ shared: proj } ]\n  vision", "{ shared: proj, dim: 3 } ]\n  vision")));

        assertThat(e).hasMessage(FILE + ":8: components.audio: a reference to a shared component takes nothing "
                + "beside 'shared' ('dim'); set its parameters under 'shared:', where it is defined");
    }

    @Test
    void malformedSharedBlocksAreReportedAtTheirLines() {
        assertThat(problems("shared: [ a ]\nname: x\n")).contains(FILE + ":1: shared: expected a mapping of names "
                + "to components, e.g. 'shared: { invariant: { use: pointwise-projection, dim: 128 } }', found a list");
        assertThat(problems("shared:\n  a: { shared: b }\n  b: gru\nname: x\n"))
                .contains(FILE + ":2: shared.a: a shared component is defined here with 'use:', not by referring "
                        + "to another");
        assertThat(problems("shared:\n  \"a b\": gru\nname: x\n"))
                .contains(FILE + ":2: shared: expected a name (up to 64 letters, digits, '.', '_' or '-'), found "
                        + "'a b'");
        assertThat(problems("components:\n  text: [ { shared: [1] } ]\nname: x\n"))
                .contains(FILE + ":2: components.text.shared: expected the name of a shared component, found a "
                        + "list");
        assertThat(problems("components:\n  text: { shared: a }\nname: x\n"))
                .contains(FILE + ":2: components.text: no shared component 'a'; the assembly defines none (define "
                        + "it under 'shared:')");
    }

    @Test
    void aSharedComponentUsedInSlotsOfAnotherKindIsRefusedAtTheReference() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.resolve(installed, FILE,
                SHARED.replace("fusion: concat", "fusion: { shared: proj }")));

        assertThat(e).hasMessage(FILE + ":10: components.fusion: shared component 'proj' is an encoder (slot text "
                + "uses it as one); slot 'fusion' takes a fusion");
    }

    @Test
    void aSharedComponentNoSlotUsesIsAWarningAndIsLeftOut() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, SHARED.replace("{ shared: proj }",
                "{ use: pointwise-projection, dim: 6 }"));

        assertThat(resolved.shared()).isEmpty();
        assertThat(resolved.warnings()).extracting(Object::toString).containsExactly(FILE + ":5: shared.proj: no "
                + "slot uses it, so it is not built (a slot uses it with '{ shared: proj }')");
        assertThat(ResolvedAssemblyWriter.toYaml(resolved)).doesNotContain("\nshared:");
    }

    @Test
    void aSharedComponentsBadParameterIsReportedAtItsDefinition() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.resolve(installed, FILE,
                SHARED.replace("dim: 6", "dim: 6, depth: 2")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(FILE, 5));
            assertThat(p.message()).isEqualTo("shared.proj: encoder 'pointwise-projection' parameter 'depth': unknown "
                    + "parameter; known: dim, bias, activation, layer-norm");
        });
    }

    private static String problems(String yaml) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.load(FILE, yaml));
        assertThat(e).as("parsing should fail").isNotNull();
        return e.getMessage();
    }
}
