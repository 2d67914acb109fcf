package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.data.Task;
import io.mosaic.encoders.recurrent.GruFactory;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/**
 * The baseline assembly the models bundle ships: it resolves with every default filled in, and the resolved file
 * it writes reads back to the same components, pinned to the versions that resolved it.
 */
class BaselineAssemblyTest {
    /** The entry as the models bundle (a test dependency) ships it. */
    private static final String ENTRY = AssemblyCatalog.FOLDER + "/baseline.yaml";
    private static final String SOURCE = "bundle:io.mosaic.models/" + ENTRY;

    private final InstalledComponents installed = InstalledComponents.builtIn();

    @Test
    void resolvesWithEveryDefaultFilledIn() {
        ResolvedAssembly resolved = resolveShipped(installed);

        assertThat(resolved.name()).isEqualTo("baseline");
        assertThat(resolved.pipeline().component().label()).isEqualTo("pipeline baseline@0.1.0");
        assertThat(resolved.pipeline().parameters().strings("modalities")).containsExactly("text", "audio", "vision");
        assertThat(resolved.slots()).containsOnlyKeys("text", "audio", "vision", "fusion", "head");
        List<ResolvedComponent> text = resolved.slots().get("text");
        assertThat(text).extracting(c -> c.component().label())
                .containsExactly("encoder pointwise-projection@0.1.0", "encoder gru@0.1.0",
                        "encoder masked-mean-pool@0.1.0");
        assertThat(text.get(0).parameters().asMap()).isEqualTo(Map.of("dim", 32, "bias", false,
                "activation", "none", "layer-norm", false));
        assertThat(text.get(1).parameters().asMap()).isEqualTo(Map.of("hidden", 32, "layers", 1, "dropout", 0.0));
        assertThat(resolved.slots().get("head").get(0).parameters().asMap())
                .isEqualTo(Map.of("hidden", List.of(64), "dropout", 0.1, "activation", "relu"));
        assertThat(resolved.objectives()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("l1");
            assertThat(o.weight()).isEqualTo(1.0);
            assertThat(o.component().parameters().string("on")).isEqualTo("prediction");
        });
        assertThat(resolved.dataSource().name()).isEqualTo("testbed");
        assertThat(resolved.dataParameters().string("preset")).isEqualTo("mosi-like");
        assertThat(resolved.dataSeed()).isEqualTo(1111);
        assertThat(resolved.dataSpec().task()).isEqualTo(Task.REGRESSION);
        assertThat(resolved.taps()).contains("prediction", "joint", "text.encoded", "audio.encoded",
                "vision.encoded");
        assertThat(resolved.device()).isEqualTo("auto");
        assertThat(installed.builds()).isZero();
    }

    @Test
    void trainingSettingsTakeTheirDefaults() {
        TrainSettings train = resolveShipped(installed).train();

        assertThat(train.batch()).isEqualTo(32);
        assertThat(train.evalBatch()).isEqualTo(256);
        assertThat(train.patience()).isEqualTo(8);
        assertThat(train.selectionMetric()).isEqualTo("mae");
        assertThat(train.stages()).containsExactly(new Stage("train", 20, List.of(), List.of()));
        assertThat(train.optimizer().asMap()).isEqualTo(Map.of("use", "adam", "lr", 0.001, "weight-decay", 0.0,
                "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "clip-value", 0.0, "clip-norm", 0.0, "accumulate", 1));
        assertThat(train.groups()).isEmpty();
    }

    @Test
    void theResolvedFileReadsBackToTheSameComponentsAndSettings() {
        ResolvedAssembly first = resolveShipped(installed);
        String written = ResolvedAssemblyWriter.toYaml(first);

        ResolvedAssembly again = Assemblies.resolve(installed, "runs/baseline/assembly.resolved.yaml", written);

        assertThat(written).startsWith("# Resolved from " + SOURCE + ": ");
        assertThat(ResolvedAssemblyWriter.body(again)).isEqualTo(ResolvedAssemblyWriter.body(first));
        assertThat(labels(again)).isEqualTo(labels(first));
        assertThat(again.train()).usingRecursiveComparison().isEqualTo(first.train());
        assertThat(again.dataSeed()).isEqualTo(first.dataSeed());
    }

    @Test
    void everyUseInTheResolvedFileIsPinnedToItsExactVersionAndBundle() {
        String body = ResolvedAssemblyWriter.body(resolveShipped(installed));

        List<Map<String, Object>> uses = componentEntries(YamlReader.read("resolved", body).toPlain());

        assertThat(uses).extracting(use -> use.get("use") + " from " + use.get("bundle")).containsExactly(
                "baseline@=0.1.0 from io.mosaic.models",
                "pointwise-projection@=0.1.0 from io.mosaic.encoders",
                "gru@=0.1.0 from io.mosaic.encoders",
                "masked-mean-pool@=0.1.0 from io.mosaic.encoders",
                "pointwise-projection@=0.1.0 from io.mosaic.encoders",
                "gru@=0.1.0 from io.mosaic.encoders",
                "masked-mean-pool@=0.1.0 from io.mosaic.encoders",
                "pointwise-projection@=0.1.0 from io.mosaic.encoders",
                "gru@=0.1.0 from io.mosaic.encoders",
                "masked-mean-pool@=0.1.0 from io.mosaic.encoders",
                "concat@=0.1.0 from io.mosaic.fusion",
                "mlp@=0.1.0 from io.mosaic.fusion",
                "l1@=0.1.0 from io.mosaic.losses");
        assertThat(uses.get(2)).containsEntry("layers", 1L).containsEntry("dropout", 0.0);
    }

    @Test
    void theResolvedFileWritesSharedValuesOutAndNamesExactVersionsWithoutARange() {
        String body = ResolvedAssemblyWriter.body(resolveShipped(installed));

        assertThat(body).contains("  use: baseline@=0.1.0\n", "  - use: gru@=0.1.0\n",
                "  train-domains: []\n  test-domains: []\n", "    frozen: []\n    objectives: []\n")
                .doesNotContain("&id", "*id", "@[");
    }

    @Test
    void aFileWrittenWithExactRangesAndAnchorsStillReadsBack() {
        ResolvedAssembly first = resolveShipped(installed);
        String old = ResolvedAssemblyWriter.toYaml(first).replace("@=0.1.0", "@[0.1.0,0.1.0]")
                .replace("train-domains: []", "train-domains: &id001 []").replace("test-domains: []",
                        "test-domains: *id001");

        ResolvedAssembly again = Assemblies.resolve(installed, "runs/old/assembly.resolved.yaml", old);

        assertThat(ResolvedAssemblyWriter.body(again)).isEqualTo(ResolvedAssemblyWriter.body(first));
    }

    @Test
    void aPinnedFileKeepsItsVersionWhenANewerOneIsInstalled() {
        String written = ResolvedAssemblyWriter.toYaml(resolveShipped(installed));
        InstalledComponents upgraded = InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "gru", "io.mosaic.encoders", new Version(0, 2, 0), new GruFactory());

        ResolvedAssembly latest = resolveShipped(upgraded);
        ResolvedAssembly pinned = Assemblies.resolve(upgraded, "assembly.resolved.yaml", written);

        assertThat(latest.slots().get("text").get(1).component().bundleVersion()).isEqualTo(new Version(0, 2, 0));
        assertThat(pinned.slots().get("text").get(1).component().bundleVersion()).isEqualTo(new Version(0, 1, 0));
    }

    @Test
    void theUnpinnedBodyIsTheSameWhicheverVersionsResolvedIt() {
        InstalledComponents upgraded = InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "gru", "io.mosaic.encoders", new Version(0, 2, 0), new GruFactory());

        ResolvedAssembly first = resolveShipped(installed);
        ResolvedAssembly latest = resolveShipped(upgraded);

        assertThat(ResolvedAssemblyWriter.body(latest)).isNotEqualTo(ResolvedAssemblyWriter.body(first));
        assertThat(ResolvedAssemblyWriter.unpinnedBody(latest)).isEqualTo(ResolvedAssemblyWriter.unpinnedBody(first));
        assertThat(componentEntries(YamlReader.read("unpinned", ResolvedAssemblyWriter.unpinnedBody(first))
                .toPlain())).extracting(use -> use.get("use") + " from " + use.get("bundle"))
                .startsWith("baseline from io.mosaic.models", "pointwise-projection from io.mosaic.encoders",
                        "gru from io.mosaic.encoders");
    }

    @Test
    void theBodyOfAWrittenFileIsTheTextAfterItsComment() {
        ResolvedAssembly resolved = resolveShipped(installed);

        assertThat(ResolvedAssemblyWriter.bodyOf(ResolvedAssemblyWriter.toYaml(resolved)))
                .isEqualTo(ResolvedAssemblyWriter.body(resolved));
        assertThatThrownBy(() -> ResolvedAssemblyWriter.bodyOf("name: baseline\nseed: 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a resolved assembly file, which starts with a comment line; found "
                        + "'name: baseline'");
    }

    private static ResolvedAssembly resolveShipped(InstalledComponents components) {
        return Assemblies.resolve(components, SOURCE, shipped());
    }

    private static String shipped() {
        try (InputStream in = BaselineAssemblyTest.class.getClassLoader().getResourceAsStream(ENTRY)) {
            assertThat(in).as(ENTRY + " on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every component label by slot, with the pipeline and objectives, for comparing two resolutions. */
    private static List<String> labels(ResolvedAssembly resolved) {
        List<String> labels = new ArrayList<>();
        labels.add(resolved.pipeline().component().label() + " " + resolved.pipeline().parameters());
        resolved.slots().forEach((slot, components) -> components.forEach(c -> labels.add(slot + ": "
                + c.component().label() + " from " + c.component().bundle() + " " + c.parameters())));
        resolved.objectives().forEach(o -> labels.add(o.name() + ": " + o.component().component().label() + " "
                + o.component().parameters() + " x" + o.weight()));
        return labels;
    }

    /** The component entries of a written assembly: its pipeline, each slot's components, its objectives. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> componentEntries(Object plain) {
        Map<String, Object> root = (Map<String, Object>) plain;
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add((Map<String, Object>) root.get("pipeline"));
        ((Map<String, Object>) root.get("components")).values().forEach(fill -> {
            if (fill instanceof List<?> chain) {
                chain.forEach(entry -> entries.add((Map<String, Object>) entry));
            } else {
                entries.add((Map<String, Object>) fill);
            }
        });
        ((List<Object>) root.get("objectives")).forEach(entry -> entries.add((Map<String, Object>) entry));
        return entries;
    }
}
