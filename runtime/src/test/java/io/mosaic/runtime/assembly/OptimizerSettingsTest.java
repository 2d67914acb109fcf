package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mosaic.runtime.assembly.AssemblyException.Problem;
import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code train.optimizer.groups} and {@code train.optimizer.accumulate}: parsed, resolved with their defaults,
 * written back, and every way they can be wrong reported at its line with what was expected.
 */
class OptimizerSettingsTest {
    private static final String FILE = "experiments/groups.yaml";
    /** A valid assembly up to its {@code train:} key (line 12); tests append the optimizer from line 13 on. */
    private static final String HEAD = """
            name: groups
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            train:
            """;
    /** Self-MM's four groups on MOSI (reference/mmsa.md §3.2 and §3.3), the heads being the default group. */
    private static final String SELF_MM = HEAD + """
              optimizer:
                lr: 0.001
                weight-decay: 0.001
                accumulate: 4
                groups:
                  - { slots: [text], lr: 5.0e-5, no-decay: [bias, layer-norm] }
                  - { slots: [audio], lr: 0.005 }
                  - { slots: [vision, fusion], lr: 0.005, weight-decay: 0.0 }
            """;

    private final InstalledComponents installed = InstalledComponents.builtIn();

    @Test
    void groupsResolveWithTheOptimizersLearningRateAndWeightDecayAsDefaults() {
        TrainSettings train = Assemblies.resolve(installed, FILE, SELF_MM).train();

        assertThat(train.groups()).containsExactly(
                new OptimizerGroup(List.of("text"), 5e-5, 0.001, Set.of(NoDecay.BIAS, NoDecay.LAYER_NORM)),
                new OptimizerGroup(List.of("audio"), 0.005, 0.001, Set.of()),
                new OptimizerGroup(List.of("vision", "fusion"), 0.005, 0.0, Set.of()));
        assertThat(train.accumulate()).isEqualTo(4);
        assertThat(train.optimizer().asMap()).doesNotContainKey("groups");
    }

    @Test
    void anAssemblyWithoutGroupsHasOnlyTheDefaultGroupAndNoAccumulation() {
        TrainSettings train = Assemblies.resolve(installed, FILE, HEAD + "  batch: 32\n").train();

        assertThat(train.groups()).isEmpty();
        assertThat(train.accumulate()).isEqualTo(1);
    }

    @Test
    void theResolvedFileWritesTheGroupsFilledInAndReadsBackToTheSameSettings() {
        ResolvedAssembly first = Assemblies.resolve(installed, FILE, SELF_MM);
        String written = ResolvedAssemblyWriter.toYaml(first);

        ResolvedAssembly again = Assemblies.resolve(installed, "runs/groups/assembly.resolved.yaml", written);

        assertThat(written).contains("""
                    accumulate: 4
                    groups:
                    - slots:
                      - text
                      lr: 5.0E-5
                      weight-decay: 0.001
                      no-decay:
                      - bias
                      - layer-norm
                    - slots:
                      - audio
                      lr: 0.005
                      weight-decay: 0.001
                      no-decay: []
                """);
        assertThat(again.train().groups()).isEqualTo(first.train().groups());
        assertThat(ResolvedAssemblyWriter.body(again)).isEqualTo(ResolvedAssemblyWriter.body(first));
    }

    @Test
    void aGroupDiffersFromAnotherRunsAndAnOverrideReachesIt() {
        ResolvedAssembly first = Assemblies.resolve(installed, FILE, SELF_MM);
        ResolvedAssembly second = Assemblies.resolve(installed, FILE, SELF_MM, "train.optimizer.accumulate=2");

        assertThat(ResolvedAssemblyWriter.differences(first, second)).containsExactly(
                new ResolvedAssemblyWriter.Difference("train.optimizer.accumulate", 4, 2));
    }

    @Test
    void objectivesSharedComponentsAndThePipelineAreNamedAsDescribeNamesThem() {
        TrainSettings train = Assemblies.resolve(installed, FILE, """
                name: groups
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
                  - mse
                train:
                  optimizer:
                    groups:
                      - { slots: ["shared:proj", pipeline], lr: 0.0 }
                      - { slots: ["objective:mse", "objective:l1"] }
                """).train();

        assertThat(train.groups()).extracting(OptimizerGroup::parts).containsExactly(
                List.of("shared:proj", "pipeline"), List.of("objective:mse", "objective:l1"));
    }

    @Test
    void anUnknownPartIsNamedWithTheClosestAndEveryPart() {
        AssemblyException e = rejected(HEAD + """
                  optimizer:
                    groups:
                      - { slots: [txt] }
                """);

        assertThat(e).hasMessage(FILE + ":15: train.optimizer.groups[0].slots: unknown part 'txt'; did you mean "
                + "'text'? Known: audio, fusion, head, objective:l1, pipeline, text, vision.");
    }

    @Test
    void aPartInTwoGroupsOrTwiceInOneIsRefused() {
        AssemblyException e = rejected(HEAD + """
                  optimizer:
                    groups:
                      - { slots: [text, audio, audio] }
                      - { slots: [vision, text], lr: 0.1 }
                """);

        assertThat(e.problems()).containsExactly(
                new Problem(new Origin(FILE, 15), "train.optimizer.groups[0].slots: 'audio' is already in this "
                        + "group; each parameter belongs to exactly one group"),
                new Problem(new Origin(FILE, 16), "train.optimizer.groups[1].slots: 'text' is already in "
                        + "train.optimizer.groups[0]; each parameter belongs to exactly one group"));
    }

    @Test
    void badValuesOfAGroupAreReportedAtTheirLinesWithWhatIsExpected() {
        AssemblyException e = rejected(HEAD + """
                  optimizer:
                    groups:
                      - { slots: [text], lr: -1 }
                      - { slots: [audio], no-decay: [weights] }
                      - { lr: 0.1 }
                      - { slots: [] }
                      - { slots: [head], learning-rate: 0.1 }
                """);

        assertThat(e.problems()).containsExactly(
                new Problem(new Origin(FILE, 15), "train.optimizer.groups[0]: parameter 'lr': value -1.0 is out of "
                        + "range [0.0, 10.0]"),
                new Problem(new Origin(FILE, 16), "train.optimizer.groups[1]: parameter 'no-decay': value 'weights' is "
                        + "not one of bias, layer-norm"),
                new Problem(new Origin(FILE, 17), "train.optimizer.groups[2]: parameter 'slots': required, a list "
                        + "of strings"),
                new Problem(new Origin(FILE, 18), "train.optimizer.groups[3].slots: empty; name the parts the "
                        + "group trains, e.g. 'slots: [text]'"),
                new Problem(new Origin(FILE, 19), "train.optimizer.groups[4]: parameter 'learning-rate': unknown "
                        + "parameter; known: slots, lr, weight-decay, no-decay"));
    }

    @Test
    void groupsThatAreNotAListOfMappingsAreRefused() {
        assertThat(rejected(HEAD + """
                  optimizer:
                    groups: { slots: [text] }
                """)).hasMessage(FILE + ":14: train.optimizer.groups: expected a list of groups, e.g. '- { slots: "
                + "[text], lr: 5.0e-5 }', found a mapping");
        assertThat(rejected(HEAD + """
                  optimizer:
                    groups: [text]
                """)).hasMessage(FILE + ":14: train.optimizer.groups: expected a mapping, found a string 'text'");
    }

    @Test
    void accumulationIsRefusedWithPerViewUpdatesAndBeyondAnEpochsBatches() {
        String views = """
                  update: per-view
                  views: { missing: { use: rmfm } }
                  optimizer: { accumulate: 2 }
                """;
        assertThat(rejected(HEAD + views)).hasMessage(FILE + ":15: train.optimizer.accumulate: 2 cannot apply "
                + "with 'update: per-view', which takes two optimizer steps per batch; use 'update: combined' or "
                + "'accumulate: 1'");
        // tiny has 160 training samples: 5 batches of 32.
        assertThat(rejected(HEAD + "  optimizer: { accumulate: 6 }\n")).hasMessage(FILE + ":13: "
                + "train.optimizer.accumulate: 6 batches per step, but an epoch has 5 (160 training samples in "
                + "batches of 32), so no step would ever be taken");
        assertThat(rejected(HEAD + "  optimizer: { accumulate: 0 }\n")).hasMessage(FILE + ":13: "
                + "train.optimizer: parameter 'accumulate': value 0 is out of range [1, 1024]");
        assertThat(Assemblies.resolve(installed, FILE, HEAD + "  optimizer: { accumulate: 5 }\n").train()
                .accumulate()).isEqualTo(5);
    }

    private AssemblyException rejected(String yaml) {
        AssemblyException e = catchThrowableOfType(AssemblyException.class,
                () -> Assemblies.resolve(installed, FILE, yaml));
        assertThat(e).as("resolving should fail").isNotNull();
        assertThat(installed.builds()).isZero();
        return e;
    }
}
