package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code extends:} and command-line overrides, merged under and over an assembly, with the origin of each value. */
class AssemblyLoaderTest {
    private static final AssemblyText PARENT = Assemblies.text("parent.yaml", """
            name: parent
            pipeline: baseline
            seed: 5
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8], dropout: 0.2 }
            objectives:
              - l1
            train:
              epochs: 3
              optimizer: { lr: 0.01 }
            """);

    private final InstalledComponents installed = InstalledComponents.builtIn();

    @Test
    void aChildOverridesNestedKeysAndReplacesLists() {
        AssemblyText child = Assemblies.text("child.yaml", """
                extends: parent
                name: child
                components:
                  text: [ { use: gru, hidden: 16 }, last-step-pool ]
                  head: { hidden: [32, 16] }
                train:
                  optimizer: { weight-decay: 0.001 }
                """);

        Assembly assembly = Assemblies.loader(Map.of("parent", PARENT)).load(child);

        assertThat(assembly.name()).isEqualTo("child");
        assertThat(assembly.source()).isEqualTo("child.yaml");
        assertThat(assembly.seed()).isEqualTo(5);
        assertThat(assembly.components().get("text").components()).extracting(u -> u.ref().name())
                .containsExactly("gru", "last-step-pool");
        ComponentUse head = assembly.components().get("head").components().get(0);
        assertThat(head.ref().name()).isEqualTo("mlp");
        assertThat(head.parameters()).isEqualTo(Map.of("hidden", List.of(32L, 16L), "dropout", 0.2));
        assertThat(head.originOf("hidden")).isEqualTo(new Origin("child.yaml", 5));
        assertThat(head.originOf("dropout")).isEqualTo(new Origin("parent.yaml", 10));
        assertThat(assembly.train().settings().values()).containsOnlyKeys("epochs");
        assertThat(assembly.train().optimizer().values()).containsOnlyKeys("lr", "weight-decay");
    }

    @Test
    void aRelativeExtendsPathIsReadBesideTheExtendingFile(@TempDir Path folder) throws IOException {
        Path experiments = Files.createDirectories(folder.resolve("experiments"));
        Files.writeString(experiments.resolve("common.yaml"), "name: common\nseed: 77\n");
        Path child = experiments.resolve("child.yaml");
        Files.writeString(child, "extends: common.yaml\nname: child\n");
        List<String> looked = new ArrayList<>();
        AssemblyLoader loader = new AssemblyLoader(name -> {
            looked.add(name);
            try {
                return new AssemblyText("common", name, Files.readString(Path.of(name)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> loader.load(new AssemblyText("child", child.toString(), Files.readString(child))))
                .isInstanceOf(AssemblyException.class);
        assertThat(looked).containsExactly(experiments.resolve("common.yaml").toAbsolutePath().toString());
    }

    @Test
    void aChildResolvesWithItsParentsComponents() {
        AssemblyText child = Assemblies.text("child.yaml", "extends: parent\nname: child\n");

        ResolvedAssembly resolved = Assemblies.resolver(installed)
                .resolve(Assemblies.loader(Map.of("parent", PARENT)).load(child));

        assertThat(resolved.name()).isEqualTo("child");
        assertThat(resolved.slots().get("head").get(0).parameters().real("dropout")).isEqualTo(0.2);
        assertThat(resolved.train().optimizer().real("lr")).isEqualTo(0.01);
        assertThat(resolved.train().totalEpochs()).isEqualTo(3);
    }

    @Test
    void extendsChainsThroughSeveralAssemblies() {
        AssemblyText middle = Assemblies.text("middle.yaml", "extends: parent\nname: middle\nseed: 9\n");
        AssemblyText child = Assemblies.text("child.yaml", "extends: middle\nname: child\n");

        Assembly assembly = Assemblies.loader(Map.of("parent", PARENT, "middle", middle)).load(child);

        assertThat(assembly.name()).isEqualTo("child");
        assertThat(assembly.seed()).isEqualTo(9);
        assertThat(assembly.components()).containsOnlyKeys("text", "audio", "vision", "fusion", "head");
    }

    @Test
    void anExtendsCycleIsNamedLinkByLink() {
        AssemblyText a = Assemblies.text("a.yaml", "extends: b\nname: a\n");
        AssemblyText b = Assemblies.text("b.yaml", "extends: c\nname: b\n");
        AssemblyText c = Assemblies.text("c.yaml", "extends: a\nname: c\n");

        assertThatThrownBy(() -> Assemblies.loader(Map.of("a", a, "b", b, "c", c)).load(a))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("a.yaml:1: 'extends' goes round in a circle: a.yaml -> b.yaml -> c.yaml -> a.yaml");
    }

    @Test
    void extendingAnUnknownAssemblyIsReportedAtTheExtendsLine() {
        AssemblyText child = Assemblies.text("child.yaml", "name: child\nextends: nope\n");

        assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(child))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("child.yaml:2: extends: no assembly named 'nope'");
    }

    @Test
    void extendsNamesOneAssembly() {
        AssemblyText child = Assemblies.text("child.yaml", "name: child\nextends: [parent]\n");

        assertThatThrownBy(() -> Assemblies.loader(Map.of("parent", PARENT)).load(child))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("child.yaml:2: extends: expected the name of an assembly, found a list");
    }

    @Test
    void overridesAreReadAsTypedYamlValuesAlongADottedPath() {
        Assembly assembly = Assemblies.loader(Map.of()).load(PARENT, List.of(
                "train.epochs=7", "train.optimizer.lr=0.5", "components.head.hidden=[4, 2]",
                "description=yes", "backend.device=cpu", "seed=12"));

        assertThat(assembly.train().settings().values().get("epochs").toPlain()).isEqualTo(7L);
        assertThat(assembly.train().optimizer().values().get("lr").toPlain()).isEqualTo(0.5);
        ComponentUse head = assembly.components().get("head").components().get(0);
        assertThat(head.parameters()).isEqualTo(Map.of("hidden", List.of(4L, 2L), "dropout", 0.2));
        assertThat(head.originOf("hidden")).isEqualTo(new Origin("--set components.head.hidden=[4, 2]", 0));
        assertThat(assembly.description()).isEqualTo("yes");
        assertThat(assembly.backend().values().get("device").toPlain()).isEqualTo("cpu");
        assertThat(assembly.seed()).isEqualTo(12);
    }

    @Test
    void aBadOverriddenValueIsReportedAtTheCommandLine() {
        Assembly assembly = Assemblies.loader(Map.of()).load(PARENT, List.of("train.batch=0"));

        assertThatThrownBy(() -> Assemblies.resolver(installed).resolve(assembly))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("--set train.batch=0: train: parameter 'batch': value 0 is out of range");
        Assembly epochs = Assemblies.loader(Map.of()).load(PARENT, List.of("train.epochs=abc"));
        assertThatThrownBy(() -> Assemblies.resolver(installed).resolve(epochs))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set train.epochs=abc: train: parameter 'epochs': expected an integer, found a string "
                        + "(abc)");
        assertThat(installed.builds()).isZero();
    }

    @Test
    void aBlockAnOverrideReplacesIsReportedAtTheCommandLine() {
        Assembly assembly = Assemblies.loader(Map.of()).load(PARENT, List.of("components.head.use=nope"));

        assertThatThrownBy(() -> Assemblies.resolver(installed).resolve(assembly))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("--set components.head.use=nope: components.head: unknown head 'nope'");
    }

    @Test
    void anOverrideDoesNotMoveProblemsOfTheFileToTheCommandLine() {
        AssemblyText noObjectives = Assemblies.text("bare.yaml", """
                name: bare
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp }
                """);
        Assembly assembly = Assemblies.loader(Map.of()).load(noObjectives, List.of("seed=3", "data.task=classes-3"));

        assertThatThrownBy(() -> Assemblies.resolver(installed).resolve(assembly))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("bare.yaml:1: objectives: the assembly trains nothing");
        assertThat(assembly.data().origin()).isEqualTo(new Origin("bare.yaml", 3));
    }

    @Test
    void anOverrideOfAnUnknownKeySuggestsTheKnownOne() {
        assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(PARENT, List.of("trian.epochs=3")))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("--set trian.epochs=3: unknown top-level key 'trian'; did you "
                        + "mean 'train'?");
    }

    @Test
    void anOverrideWithoutKeyOrValueIsRefused() {
        assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(PARENT, List.of("train.epochs")))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set train.epochs: expected key.path=value, e.g. train.epochs=3");
        assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(PARENT, List.of("train.epochs=")))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set train.epochs=: the document is empty");
        for (String malformed : List.of(".=1", "train..epochs=1", "train.=1", "=3")) {
            assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(PARENT, List.of(malformed)))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessage("--set " + malformed + ": expected key.path=value, e.g. train.epochs=3");
        }
        assertThatThrownBy(() -> Assemblies.loader(Map.of()).load(PARENT, List.of("train.epochs=[1")))
                .isInstanceOf(AssemblyException.class)
                .hasMessageStartingWith("--set train.epochs=[1: YAML syntax error");
    }

    @Test
    void anOverrideAddressesAListEntryByItsUseOrNameOrIndex() {
        AssemblyText staged = Assemblies.text("staged.yaml", """
                extends: parent
                name: staged
                objectives:
                  - { use: l1, weight: 1.0 }
                  - { use: "mse@[1.0,2.0)", weight: 0.5 }
                train:
                  stages:
                    - { name: warm-up, epochs: 2 }
                    - { name: main, epochs: 5 }
                """);

        Assembly assembly = Assemblies.loader(Map.of("parent", PARENT)).load(staged, List.of(
                "objectives.mse.weight=0.25", "objectives.0.view=missing", "components.text.0.hidden=32",
                "components.text.masked-mean-pool.use=last-step-pool", "train.stages.main.epochs=9"));

        assertThat(assembly.objectives()).extracting(e -> e.component().ref().toString())
                .containsExactly("l1", "mse@[1.0.0,2.0.0)");
        assertThat(assembly.objectives().get(0).settings().values()).extractingFromEntries(
                e -> e.getKey() + "=" + e.getValue().toPlain()).containsExactlyInAnyOrder("weight=1.0", "view=missing");
        assertThat(assembly.objectives().get(1).settings().values().get("weight").toPlain()).isEqualTo(0.25);
        assertThat(assembly.objectives().get(1).settings().values().get("weight").origin())
                .isEqualTo(new Origin("--set objectives.mse.weight=0.25", 0));
        assertThat(assembly.objectives().get(0).settings().values().get("weight").origin())
                .as("the entry's other keys stay at their lines").isEqualTo(new Origin("staged.yaml", 4));
        List<ComponentUse> text = assembly.components().get("text").components();
        assertThat(text).extracting(u -> u.ref().name()).containsExactly("gru", "last-step-pool");
        assertThat(text.get(0).parameters()).isEqualTo(Map.of("hidden", 32L));
        assertThat(assembly.train().stages()).extracting(stage -> stage.values().get("epochs").toPlain())
                .containsExactly(2L, 9L);
    }

    @Test
    void aListEntryThatNoneOrSeveralEntriesMatchIsRefusedWithTheWayToAddressIt() {
        AssemblyText twice = Assemblies.text("twice.yaml", """
                extends: parent
                name: twice
                objectives: [ l1, { use: l1, view: missing } ]
                """);
        AssemblyLoader loader = Assemblies.loader(Map.of("parent", PARENT));

        assertThatThrownBy(() -> loader.load(twice, List.of("objectives.l1.weight=2")))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set objectives.l1.weight=2: objectives: 2 entries are 'l1' (0, 1); address one by its "
                        + "index, e.g. objectives.0.weight");
        assertThatThrownBy(() -> loader.load(twice, List.of("objectives.coral.pairs=V-A")))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set objectives.coral.pairs=V-A: objectives: no entry is 'coral'; address one by its "
                        + "index (its entries are 0 to 1) or by its 'use' or 'name' (l1, l1)");
        assertThatThrownBy(() -> loader.load(twice, List.of("objectives.2.weight=2")))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set objectives.2.weight=2: objectives: no entry 2; its entries are 0 to 1");
        assertThatThrownBy(() -> loader.load(twice, List.of("objectives.99999999999.weight=2")))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("--set objectives.99999999999.weight=2: objectives: no entry 99999999999; its entries "
                        + "are 0 to 1");
    }
}
