package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.encoders.mask.FeatureMaskFactory;
import io.mosaic.encoders.mask.TokenSimilarityPoolFactory;
import io.mosaic.encoders.pooling.FirstTokenPoolFactory;
import io.mosaic.encoders.recurrent.LstmFactory;
import io.mosaic.losses.coral.CoralFactory;
import io.mosaic.models.s2lif.S2lifFactory;
import io.mosaic.runtime.assembly.AssemblyException.Problem;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.metrics.MetricFamily;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way an assembly can fail to resolve against the installed components and data: each problem is reported at
 * its file and line, says what was expected, and nothing is built.
 */
class AssemblyResolverTest {
    private static final String FILE = "experiments/tiny.yaml";
    /** A valid assembly's first nine lines, up to its components; tests append objectives and the rest. */
    private static final String TINY_HEAD = """
            name: tiny
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            """;

    private final InstalledComponents installed = InstalledComponents.builtIn();

    @Test
    void aValidAssemblyResolvesWithoutBuildingAnything() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, """
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, last-step-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(resolved.slots().get("vision")).extracting(c -> c.component().name())
                .containsExactly("gru", "last-step-pool");
        assertThat(resolved.objectives()).extracting(ResolvedObjective::name).containsExactly("l1");
        assertThat(resolved.dataset().description()).isEqualTo("testbed tiny seed 1111");
        assertThat(installed.builds()).isZero();
    }

    @Test
    void anUnknownComponentIsNamedWithItsKindAndTheClosestInstalledNames() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio:
                    - { use: gur, hidden: 4 }
                    - masked-mean-pool
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":7: components.audio: unknown encoder 'gur'; did you mean gru? Known "
                + "encoders: attention-pool, gru, last-step-pool, masked-mean-pool, pointwise-projection, "
                + "torchscript-encoder.");
    }

    @Test
    void aComponentOfAnotherKindInASlotSaysWhatItIs() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, concat ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":5: components.text: 'concat' is a fusion, not an encoder");
    }

    @Test
    void aListInASlotThatTakesOneComponentIsRefused() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: [ concat ]
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":8: components.fusion: this slot takes one fusion, not a list");
    }

    @Test
    void anUnknownSlotIsNamedWithTheSlotsThePipelineHas() {
        AssemblyException e = rejected(TINY_HEAD + """
                  heads: { use: mlp }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":10: unknown slot 'heads'; did you mean 'head'? Pipeline 'baseline' has: "
                + "audio, fusion, head, text, vision.");
    }

    @Test
    void anEmptySlotSaysWhatItTakes() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                objectives:
                  - l1
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(FILE, 1));
            assertThat(p.message()).startsWith("components: slot 'head' of pipeline 'baseline' is empty; it takes "
                    + "a head (");
        });
    }

    @Test
    void anUnknownParameterNamesTheKnownOnesAtItsLine() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text:
                    - use: gru
                      hidden: 8
                      hiden: 8
                    - masked-mean-pool
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":8: components.text: encoder 'gru' parameter 'hiden': unknown parameter; "
                + "known: hidden, layers, dropout");
    }

    @Test
    void aWronglyTypedParameterSaysWhatTypeItExpects() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text:
                    - use: gru
                      hidden: eight
                    - masked-mean-pool
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":7: components.text: encoder 'gru' parameter 'hidden': expected an "
                + "integer, found a string (eight) (hidden: integer [1, inf])");
    }

    @Test
    void aValueOutOfRangeSaysTheRange() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head:
                    use: mlp
                    dropout: 1.5
                objectives:
                  - l1
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(FILE, 11));
            assertThat(p.message()).startsWith("components.head: head 'mlp' parameter 'dropout': value 1.5 is out "
                    + "of range").endsWith("(dropout: real [0.0, 0.99])");
        });
    }

    @Test
    void aLossOnATapThePipelineDoesNotExposeNamesTheTapsItHas() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - { use: l1 }
                  - { use: l1, on: nosuchtap }
                """);

        assertThat(e).hasMessage(FILE + ":12: objective 'l1' needs tap 'nosuchtap', which pipeline 'baseline' does "
                + "not expose; it exposes audio.encoded, joint, prediction, text.encoded, vision.encoded");
    }

    @Test
    void anObjectiveThatDoesNotFitTheTaskSaysWhy() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny, task: regression }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - cross-entropy
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(FILE, 11));
            assertThat(p.message()).startsWith("objective 'cross-entropy': cross-entropy needs a classification "
                    + "task");
        });
    }

    @Test
    void anObjectiveWithParametersIsCheckedByCreatingItAndItsRefusalIsReportedAtItsLine() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.resolve(
                ScaledL1Factory.installed(), FILE, TINY_HEAD + """
                        objectives:
                          - l1
                          - { use: scaled-l1, start: 0 }
                        """));

        assertThat(e).hasMessage(FILE + ":12: objective 'scaled-l1': a scale that starts at 0 trains nothing");
    }

    /** The built-in components and issue 12's {@code lstm}, {@code first-token-pool} and {@code coral}. */
    private static InstalledComponents withLstmAndCoral() {
        return InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "lstm", "io.mosaic.encoders", InstalledComponents.VERSION,
                        new LstmFactory())
                .add(ComponentKind.ENCODER, "first-token-pool", "io.mosaic.encoders", InstalledComponents.VERSION,
                        new FirstTokenPoolFactory())
                .add(ComponentKind.OBJECTIVE, "coral", "io.mosaic.losses", InstalledComponents.VERSION,
                        new CoralFactory());
    }

    @Test
    void anObjectiveParameterThatItsFactoryRefusesIsReportedAtTheParametersLine() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.resolve(
                withLstmAndCoral(), FILE, TINY_HEAD + """
                objectives:
                  - l1
                  - use: coral
                    on: "{m}.encoded"
                    pairs: "T-V/V*A"
                """));

        assertThat(e).hasMessage(FILE + ":14: objective 'coral': parameter 'pairs': character 6: expected '-' "
                + "(align) or '+' (private), found '*'; expected pairs such as \"T-V/V+A\": two different letters of "
                + "T (text), A (audio), V (vision) joined by - (align) or + (private), pairs separated by /");
    }

    @Test
    void sLstmEncodersFirstTokenPoolingAndCoralWithProjectionsResolve() {
        InstalledComponents installed = withLstmAndCoral();
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, """
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, first-token-pool ]
                  audio: { use: lstm, hidden: 4, out: 4 }
                  vision: { use: lstm, hidden: 4, out: 6, dropout: 0.1 }
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                  - { use: coral, on: "{m}.encoded", pairs: "T-A/T-V/V+A", dim: 4, widths: [8, 4, 6], weight: 0.1 }
                """);

        assertThat(resolved.slots().get("audio")).extracting(c -> c.component().name()).containsExactly("lstm");
        assertThat(resolved.objectives()).extracting(ResolvedObjective::name).containsExactly("l1", "coral");
        assertThat(installed.builds()).isZero();
    }

    @Test
    void anObjectiveWithParametersThatFitsResolves() {
        ResolvedAssembly resolved = Assemblies.resolve(ScaledL1Factory.installed(), FILE, TINY_HEAD + """
                objectives:
                  - { use: scaled-l1, start: 2 }
                """);

        assertThat(resolved.objectives()).extracting(ResolvedObjective::name).containsExactly("scaled-l1");
    }

    @Test
    void anAssemblyWithoutObjectivesTrainsNothing() {
        AssemblyException e = rejected(TINY_HEAD + """
                """);

        assertThat(e).hasMessage(FILE + ":1: objectives: the assembly trains nothing; add at least one, e.g. "
                + "'- { use: l1 }'");
    }

    @Test
    void anUnknownDataSourceNamesTheKnownSources() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data:
                  source: mosi
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":4: data: unknown source 'mosi'; known sources: mmsa, npz, testbed");
    }

    @Test
    void aDataBlockWithoutSourceNamesTheKnownSources() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":3: data: missing 'source'; known sources: mmsa, npz, testbed");
    }

    @Test
    void aBadTaskListsTheTasks() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data:
                  source: testbed
                  preset: tiny
                  task: classes-4
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":6: data: parameter 'task': value 'classes-4' is not one of regression, "
                + "classes-2, classes-3, classes-5, classes-7");
    }

    @Test
    void anUnknownPresetOfTheSourceListsThePresets() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: huge }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":3: data: parameter 'preset': value 'huge' is not one of tiny, tiny-aligned, "
                + "mosi-like, mosi-aligned, mosei-like, meld-like");
    }

    @Test
    void selectingOnTheTestSplitIsRefused() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                train:
                  select:
                    metric: mae
                    on: test
                """);

        assertThat(e).hasMessage(FILE + ":15: train.select: 'on: test' is refused: checkpoints are selected on the "
                + "validation split (on: valid); the test split is read once, for the final report, and never tunes "
                + "anything");
    }

    @Test
    void anUnknownSelectionMetricListsTheMetrics() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                train:
                  select: { metric: mea }
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo(new Origin(FILE, 13));
            assertThat(p.message()).isEqualTo("train.select: unknown metric 'mea'; this task and data report "
                    + "acc2_has0, f1_has0, acc2_non0, f1_non0, acc3, acc5, acc7, mae, corr, loss");
        });
    }

    @Test
    void aMetricOfAnotherTaskIsRefusedWithWhatTheTaskReports() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny, task: classes-3 }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - cross-entropy
                train:
                  select: { metric: mae }
                """);

        assertThat(e).hasMessage(FILE + ":13: train.select: metric 'mae' is not reported for this task and data "
                + "(polarity metrics); they report accuracy, f1_weighted, f1_macro, acc2_non0, f1_non0, loss");
    }

    @Test
    void aNegativeObjectiveWeightIsRefusedAtItsLine() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                  - { use: mse, weight: -1 }
                """);

        assertThat(e).hasMessage(FILE + ":12: objectives: parameter 'weight': value -1.0 is out of range "
                + "[0.0, 1000000.0]");
    }

    @Test
    void aStageNamingAnUnknownSlotOrObjectiveSaysWhatExists() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                  - mse
                train:
                  stages:
                    - { name: warm-up, epochs: 2, frozen: [txt] }
                    - { name: main, epochs: 5, objectives: [l1, l2] }
                """);

        assertThat(e.problems()).containsExactly(
                new Problem(new Origin(FILE, 15), "train.stages: no slot 'txt' to freeze; slots: text, audio, "
                        + "vision, fusion, head"),
                new Problem(new Origin(FILE, 16), "train.stages: no objective 'l2'; objectives: l1, mse"));
    }

    @Test
    void aStageWithoutItsRequiredSettingsSaysWhichIsMissing() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                train:
                  stages:
                    - { name: warm-up }
                """);

        assertThat(e).hasMessage(FILE + ":14: train.stages: parameter 'epochs': required, an integer");
    }

    private static final String S2LIF_HEAD = """
            name: in-order
            pipeline: { use: s2lif, order: text-first }
            data: { source: testbed, preset: tiny, task: classes-3 }
            components:
              text: [ { use: gru, hidden: 6 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 6 }, masked-mean-pool ]
              text-head: { use: mlp, hidden: [4] }
              vision-head: { use: mlp, hidden: [4] }
            """;

    private static InstalledComponents withS2lif() {
        return withLstmAndCoral().add(ComponentKind.PIPELINE, "s2lif", "io.mosaic.models", InstalledComponents.VERSION,
                new S2lifFactory());
    }

    @Test
    void withoutStagesThePipelinesScheduleAppliesEachObjectiveWhereItsTapsAre() {
        ResolvedAssembly resolved = Assemblies.resolve(withS2lif(), FILE, S2LIF_HEAD + """
                objectives:
                  - { use: cross-entropy, on: prediction }
                  - { use: cross-entropy, on: prediction.text }
                train: { epochs: 3 }
                """);

        assertThat(resolved.train().stages()).containsExactly(
                new Stage("text", 3, List.of("vision", "vision-head"), List.of("cross-entropy#2")),
                new Stage("vision", 3, List.of("text", "text-head"), List.of("cross-entropy")));
    }

    @Test
    void listedStagesOverrideThePipelinesSchedule() {
        ResolvedAssembly resolved = Assemblies.resolve(withS2lif(), FILE, S2LIF_HEAD + """
                objectives:
                  - { use: cross-entropy, on: prediction }
                train:
                  stages:
                    - { name: all, epochs: 2 }
                """);

        assertThat(resolved.train().stages()).containsExactly(new Stage("all", 2, List.of(), List.of()));
    }

    @Test
    void anObjectiveThatNoPlannedStageReadsIsRefusedAtItsLine() {
        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.resolve(withS2lif(),
                FILE, S2LIF_HEAD + """
                objectives:
                  - { use: cross-entropy, on: prediction }
                  - { use: coral, on: "{m}.pooled", pairs: "T-V" }
                """));

        assertThat(e).hasMessage(FILE + ":11: objective 'coral' reads [text.pooled, vision.pooled], which no stage "
                + "of pipeline 's2lif' trains ('text' reads text., prediction.text; 'vision' reads vision., "
                + "prediction.vision, prediction, joint); it would never train: point it at a tap a stage reads, or "
                + "list train.stages yourself");
    }

    @Test
    void togetherProposesNoStagesSoEveryObjectiveTrainsInOne() {
        ResolvedAssembly resolved = Assemblies.resolve(withS2lif(), FILE, S2LIF_HEAD.replace("text-first", "together")
                + """
                objectives:
                  - { use: cross-entropy, on: prediction }
                  - { use: coral, on: "{m}.pooled", pairs: "T-V" }
                train: { epochs: 4 }
                """);

        assertThat(resolved.train().stages()).containsExactly(new Stage("train", 4, List.of(), List.of()));
    }

    @Test
    void aPoolingThatReadsTheMaskBeforeItIsRefusedInAChainWithoutOne() {
        InstalledComponents withMask = InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "feature-mask", "io.mosaic.encoders", InstalledComponents.VERSION,
                        new FeatureMaskFactory())
                .add(ComponentKind.ENCODER, "token-similarity-pool", "io.mosaic.encoders",
                        InstalledComponents.VERSION, new TokenSimilarityPoolFactory());
        String chains = TINY_HEAD.replace("text: [ { use: gru, hidden: 8 }, masked-mean-pool ]",
                "text: [ { use: gru, hidden: 8 }, token-similarity-pool ]").replace(
                "audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]",
                "audio: [ { use: gru, hidden: 4 }, feature-mask, token-similarity-pool ]");

        AssemblyException e = catchThrowableOfType(AssemblyException.class, () -> Assemblies.resolve(withMask,
                FILE, chains + """
                objectives:
                  - l1
                """));

        assertThat(e).hasMessage(FILE + ":5: components.text: encoder 'token-similarity-pool' reads tap 'mask' "
                + "from an earlier encoder of its chain, and none before it records one");
        assertThat(withMask.builds()).isZero();
    }

    @Test
    void aBadBackendSettingIsReportedAtItsLine() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                backend:
                  device: tpu
                """);

        assertThat(e).hasMessage(FILE + ":13: backend: parameter 'device': value 'tpu' is not one of auto, cpu, gpu");
    }

    @Test
    void everyProblemIsReportedTogetherEachAtItsLine() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gur, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 0 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                train:
                  batch: 0
                  select: { metric: accuracy_top5 }
                """);

        assertThat(e.problems()).extracting(Problem::origin).containsExactly(
                new Origin(FILE, 5), new Origin(FILE, 7), new Origin(FILE, 13), new Origin(FILE, 14));
        assertThat(e.getMessage()).startsWith("4 problems:\n  " + FILE + ":5: components.text: unknown encoder 'gur'")
                .contains("\n  " + FILE + ":7: components.vision: encoder 'gru' parameter 'hidden': value 0 is out "
                        + "of range")
                .contains("\n  " + FILE + ":13: train: parameter 'batch': value 0 is out of range")
                .contains("\n  " + FILE + ":14: train.select: unknown metric 'accuracy_top5'");
    }

    @Test
    void aVersionRangeWithoutAnInstalledMatchListsTheInstalledVersions() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: "gru@[1.0,2.0)", hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":5: components.text: no version of encoder 'gru' in [1.0.0,2.0.0); "
                + "installed: 0.1.0");
    }

    @Test
    void aBundlePinThatDoesNotMatchNamesTheBundleThatProvidesTheComponent() {
        AssemblyException e = rejected("""
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: { use: concat, bundle: com.example.fusion }
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(e).hasMessage(FILE + ":8: components.fusion: fusion concat@0.1.0 comes from bundle "
                + "io.mosaic.fusion, not com.example.fusion");
    }

    @Test
    void aBundlePinThatMatchesResolves() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, """
                name: tiny
                pipeline: baseline
                data: { source: testbed, preset: tiny }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: { use: "concat@[0.1,1)", bundle: io.mosaic.fusion }
                  head: { use: mlp, hidden: [8] }
                objectives:
                  - l1
                """);

        assertThat(resolved.slots().get("fusion")).singleElement()
                .satisfies(c -> assertThat(c.component().label()).isEqualTo("fusion concat@0.1.0"));
    }

    /** Resolves {@code yaml} as {@link #FILE}, expecting it to fail before anything is built. */
    private AssemblyException rejected(String yaml) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class,
                () -> Assemblies.resolve(installed, FILE, yaml));
        assertThat(e).as("resolving should fail").isNotNull();
        assertThat(installed.builds()).isZero();
        return e;
    }

    @Test
    void viewsObjectivesAndSweepsResolveWithTheirSettings() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, TINY_HEAD + """
                objectives:
                  - l1
                  - { use: l1, view: missing, weight: 0.5 }
                train:
                  views:
                    missing: { use: rmfm }
                    half: { use: rmm, rate: 0.5 }
                evaluate:
                  sweeps:
                    - { use: rmfm, rates: [1.0, 0.0, 0.5] }
                    - { use: smm, missing: [audio, vision] }
                  metrics: [mae, acc2_non0]
                """);

        assertThat(resolved.views()).containsOnlyKeys("missing", "half");
        assertThat(resolved.views().get("missing").rate()).isEmpty();
        assertThat(resolved.views().get("half").rate()).hasValue(0.5);
        assertThat(resolved.objectives()).extracting(ResolvedObjective::view).containsExactly("clean", "missing");
        assertThat(resolved.objectives()).extracting(ResolvedObjective::weight).containsExactly(1.0, 0.5);
        assertThat(resolved.sweeps()).extracting(ResolvedSweep::name).containsExactly("rmfm", "smm");
        assertThat(resolved.sweeps().get(0).rates()).containsExactly(0.0, 0.5, 1.0);
        assertThat(resolved.sweeps().get(1).rates()).hasSize(11);
        assertThat(resolved.sweepMetrics()).containsExactly("mae", "acc2_non0");
        assertThat(resolved.taps()).contains("removed.text", "removed.audio", "removed.vision");
    }

    @Test
    void theComponentsOfAnAssemblyAreEveryUseInTheOrderOfItsFile() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, TINY_HEAD + """
                objectives:
                  - l1
                  - { use: mse, view: missing }
                train:
                  views:
                    missing: { use: rmfm }
                evaluate:
                  sweeps:
                    - { use: smm, missing: [audio] }
                """);

        assertThat(resolved.components()).extracting(c -> c.component().kind().id() + " " + c.component().name())
                .containsExactly("pipeline baseline", "encoder gru", "encoder masked-mean-pool", "encoder gru",
                        "encoder masked-mean-pool", "encoder gru", "encoder masked-mean-pool", "fusion concat",
                        "head mlp", "objective l1", "objective mse", "protocol rmfm", "protocol smm");
    }

    @Test
    void aNoiseProtocolTakesLevelsBeyondOneUpToItsOwnLargest() {
        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, TINY_HEAD + """
                objectives:
                  - l1
                  - { use: l1, view: noisy }
                train:
                  views:
                    noisy: { use: gaussian-noise, modalities: [vision], rate: 1.5 }
                evaluate:
                  sweeps:
                    - { use: gaussian-noise, rates: [0.0, 0.25, 0.5, 0.75, 1.0, 2.0] }
                """);

        assertThat(resolved.sweeps().get(0).rates()).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0, 2.0);
        assertThat(resolved.views().get("noisy").rate()).hasValue(1.5);

        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - l1
                train:
                  views:
                    noisy: { use: gaussian-noise, rate: 101 }
                evaluate:
                  sweeps:
                    - { use: gaussian-noise, rates: [0.5, 250] }
                    - { use: rmfm, rates: [0.5, 2.0] }
                """);
        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                FILE + ":14: train.views.noisy: parameter 'rate': value 101.0 is out of range [-1.0, 100.0]",
                FILE + ":17: evaluate.sweeps: parameter 'rates': value 250.0 is out of range [0.0, 100.0]",
                FILE + ":18: evaluate.sweeps: parameter 'rates': value 2.0 is out of range [0.0, 1.0]");
    }

    @Test
    void viewAndSweepProblemsAreReportedAtTheirLines() {
        AssemblyException e = rejected(TINY_HEAD + """
                objectives:
                  - { use: l1, view: corrupted }
                train:
                  views:
                    missing: { use: tmfm }
                    other: { use: rmfm, rate: 2 }
                evaluate:
                  sweeps:
                    - { use: rmfm, rates: [0.0, 1.5] }
                    - { use: drop-everything }
                  metrics: [sims_mae]
                """);

        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                FILE + ":14: train.views.missing: protocol 'tmfm': "
                        + e.problems().get(0).message().substring("train.views.missing: protocol 'tmfm': ".length()),
                FILE + ":15: train.views.other: parameter 'rate': value 2.0 is out of range [-1.0, 1.0]",
                FILE + ":11: objective 'l1' reads view 'corrupted', which the assembly does not define; views: "
                        + "clean, missing, other (define one under train.views)",
                FILE + ":18: evaluate.sweeps: parameter 'rates': value 1.5 is out of range [0.0, 1.0]",
                FILE + ":19: evaluate.sweeps: unknown protocol 'drop-everything'. Known protocols: "
                        + "gaussian-noise, rmfm, rmfm-traditional, rmm, smm, stmfm, tmfm.",
                FILE + ":20: evaluate.metrics: metric 'sims_mae' is not reported for this task and data (mosi "
                        + "metrics); they report acc2_has0, f1_has0, acc2_non0, f1_non0, acc3, acc5, acc7, mae, corr, "
                        + "loss");
        assertThat(e.problems().get(0).message()).contains("aligned");
        assertThat(installed.builds()).isZero();
    }

    @Test
    void aSimsFileIsScoredWithSimsMetricsAndRefusesMosiOnes() throws Exception {
        String file = Path.of(getClass().getResource("/data/mmsa-sims-like-p2.pkl").toURI()).toString();
        String yaml = TINY_HEAD.replace("{ source: testbed, preset: tiny }", "{ source: mmsa, file: '" + file + "' }")
                + """
                objectives:
                  - l1
                train:
                  select: { metric: sims_mae }
                """;

        ResolvedAssembly resolved = Assemblies.resolve(installed, FILE, yaml);
        assertThat(resolved.metrics()).isEqualTo(MetricFamily.SIMS);
        assertThat(Assemblies.resolve(installed, FILE, yaml, "data.metrics=mosi", "train.select.metric=mae")
                .metrics()).isEqualTo(MetricFamily.MOSI);

        AssemblyException e = rejected(yaml.replace("sims_mae", "mae"));
        assertThat(e).hasMessage(FILE + ":13: train.select: metric 'mae' is not reported for this task and data "
                + "(sims metrics); they report sims_acc2, sims_acc3, sims_acc5, sims_f1, sims_mae, sims_corr, loss");
    }
}
