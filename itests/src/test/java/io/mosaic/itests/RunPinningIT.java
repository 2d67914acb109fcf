package io.mosaic.itests;

import static io.mosaic.itests.support.GainPlugin.BUNDLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.GainPlugin;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.EpochRecord;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A run keeps the component versions it resolved: the {@code gain} plugin's bundle (whose gain its version names)
 * is updated or removed while a run uses it, after the run's first training epoch and before that epoch's first
 * evaluation, which needs a class of the plugin that was not loaded yet. The run completes with the numbers of an
 * uninterrupted run of the version it started with, and records that version; the next run resolves what is
 * installed then. A crashed run resumes only with the version it ran.
 */
class RunPinningIT {
    private static final Version V1_0 = new Version(1, 0, 0);
    private static final Version V1_1 = new Version(1, 1, 0);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final List<String> OVERRIDES = List.of("data.preset=tiny", "train.epochs=2", "train.patience=0");
    /** The baseline with the gain after the text projection, the second entry of the text chain. */
    private static final String ASSEMBLY = """
            extends: baseline
            name: baseline-gain
            components:
              text:
                - { use: pointwise-projection, dim: 32 }
                - { use: gain }
                - { use: gru, hidden: 32 }
                - { use: masked-mean-pool }
            """;

    @TempDir
    static Path work;

    private static Path assemblyFile;
    /** An uninterrupted run of gain 1.0.0. */
    private static Path reference;

    @BeforeAll
    static void uninterruptedRunOfTheFirstVersion() throws Exception {
        assemblyFile = Files.writeString(work.resolve("baseline-gain.yaml"), ASSEMBLY);
        RuntimeOptions options = installedWith("reference", V1_0);
        try (Host host = Host.boot(options)) {
            reference = run(host, TrainingListener.SILENT);
        }
        assertThat(RunFiles.status(reference).get("state").asText()).isEqualTo("completed");
        assertThat(GainPlugin.recordedIn(reference)).containsEntry("use", "gain@=1.0.0");
    }

    @Test
    void anUpdateMidRunChangesNeitherThatRunNorItsRecordAndTheNextRunUsesTheNewVersion() throws Exception {
        RuntimeOptions options = installedWith("update", V1_0);
        try (Host host = Host.boot(options)) {
            Path updated = run(host, new AfterFirstTrainingEpoch(() -> {
                PluginJar.deploy(gainJar(V1_1), options.plugins());
                awaitGainVersions(host, List.of(V1_1));
            }));

            assertRanLikeTheReference(updated);
            assertThat(GainPlugin.recordedIn(updated)).containsEntry("use", "gain@=1.0.0")
                    .containsEntry("bundle", BUNDLE);

            Path next = run(host, TrainingListener.SILENT);

            assertThat(GainPlugin.recordedIn(next)).containsEntry("use", "gain@=1.1.0")
                    .containsEntry("bundle", BUNDLE);
            assertThat(RunFiles.epochs(next).numbers("train_loss"))
                    .as("gain 1.1 trains to other numbers than gain 1.0")
                    .doesNotContainAnyElementsOf(RunFiles.epochs(reference).numbers("train_loss"));
        }
    }

    @Test
    void aRemovalMidRunChangesNeitherThatRunNorItsRecordAndTheNextResolveNamesTheMissingComponent()
            throws Exception {
        RuntimeOptions options = installedWith("removal", V1_0);
        try (Host host = Host.boot(options)) {
            Path removed = run(host, new AfterFirstTrainingEpoch(() -> {
                Files.delete(options.plugins().resolve(gainJar(V1_0).getFileName()));
                awaitGainVersions(host, List.of());
            }));

            assertRanLikeTheReference(removed);
            assertThat(GainPlugin.recordedIn(removed)).containsEntry("use", "gain@=1.0.0");
            assertThatThrownBy(() -> host.assemblies().resolve(assemblyFile.toString(), OVERRIDES))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessageContaining(assemblyFile + ":6:")
                    .hasMessageContaining("unknown encoder 'gain'");
        }
    }

    @Test
    void aCrashedRunResumesOnlyWithTheVersionItRan() throws Exception {
        RuntimeOptions options = installedWith("resume", V1_0);
        try (Host host = Host.boot(options)) {
            assertThatThrownBy(() -> run(host, new CrashAfterEpoch(1))).isInstanceOf(SimulatedCrash.class);
        }
        Path crashed = RunFiles.onlyRun(options.runs());
        String record = Files.readString(crashed.resolve(RunFolder.RESOLVED));
        PluginJar.deploy(gainJar(V1_1), options.plugins());

        Cli.Result refused = Cli.run(options, resume(crashed));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("cannot resume " + crashed)
                .contains("gain 1.0.0 of bundle " + BUNDLE + ", which is not installed")
                .contains("installed: gain 1.1.0");
        assertThat(crashed.resolve(RunFolder.RESOLVED)).hasContent(record);
        assertThat(RunFiles.status(crashed).get("error").asText()).isEqualTo(CrashAfterEpoch.MESSAGE);

        Files.copy(gainJar(V1_0), options.plugins().resolve("gain-1.0.0.jar"));
        Cli.Result otherSettings = Cli.run(options, resume(crashed, "train.epochs=3"));

        assertThat(otherSettings.exitCode()).as(otherSettings.toString()).isEqualTo(3);
        assertThat(otherSettings.err()).contains("cannot resume " + crashed + " with other settings than it started "
                + "with (its assembly.resolved.yaml): train.stages[0].epochs: the run has 2, the command line says 3.");

        Cli.Result resumed = Cli.run(options, resume(crashed));

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertRanLikeTheReference(crashed);
        assertThat(crashed.resolve(RunFolder.RESOLVED)).hasContent(record);
    }

    private static void assertRanLikeTheReference(Path run) {
        assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("completed");
        assertThat(RunFiles.epochs(run).withoutTiming()).isEqualTo(RunFiles.epochs(reference).withoutTiming());
        assertThat(RunFiles.metrics(run).get("valid")).isEqualTo(RunFiles.metrics(reference).get("valid"));
        assertThat(RunFiles.metrics(run).get("test")).isEqualTo(RunFiles.metrics(reference).get("test"));
    }

    /** A runtime working in {@code work/name} whose plugins folder holds gain {@code version} as {@code gain.jar}. */
    private static RuntimeOptions installedWith(String name, Version version) throws Exception {
        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve(name)), DEADLINE);
        PluginJar.deploy(gainJar(version), options.plugins());
        return options;
    }

    private static Path gainJar(Version version) throws Exception {
        return GainPlugin.jar(work, version);
    }

    private static Path run(Host host, TrainingListener listener) {
        return host.runs().run(host.assemblies().resolve(assemblyFile.toString(), OVERRIDES), Optional.empty(),
                listener).path();
    }

    /** {@code mosaic run} of the assembly with its overrides, then {@code more}, resuming {@code run}. */
    private static String[] resume(Path run, String... more) {
        List<String> arguments = new ArrayList<>(List.of("run", assemblyFile.toString(), "--quiet"));
        OVERRIDES.forEach(o -> arguments.addAll(List.of("--set", o)));
        List.of(more).forEach(o -> arguments.addAll(List.of("--set", o)));
        arguments.addAll(List.of("--resume", run.toString()));
        return arguments.toArray(String[]::new);
    }

    /**
     * Waits until the registry offers gain at {@code versions} alone and the framework holds no replaced or
     * uninstalled bundle revision any more: the old revision is refreshed away, as FileInstall leaves it.
     */
    private static void awaitGainVersions(Host host, List<Version> versions) {
        FrameworkWiring wiring = host.runtime().host().context().getBundle(0).adapt(FrameworkWiring.class);
        Poll.until("gain at " + versions + " alone, old revisions refreshed", () -> GainPlugin.versions(
                host.runtime().registry()).equals(versions) && wiring.getRemovalPendingBundles().isEmpty(), DEADLINE);
    }

    /** A change to the plugins folder, made while training waits for it. */
    @FunctionalInterface
    private interface Swap {
        void perform() throws Exception;
    }

    /**
     * Performs a swap after the last training step of epoch 1, before that epoch's evaluation; training waits
     * until the swap is done.
     */
    private static final class AfterFirstTrainingEpoch implements TrainingListener {
        private final Swap swap;
        private int epoch;
        private int batches;
        private int finished;

        AfterFirstTrainingEpoch(Swap swap) {
            this.swap = swap;
        }

        @Override
        public void epochStarted(int epoch, int totalEpochs, String stage, int batches) {
            this.epoch = epoch;
            this.batches = batches;
            this.finished = 0;
        }

        @Override
        public void batchFinished(double loss) {
            if (++finished == batches && epoch == 1) {
                try {
                    swap.perform();
                } catch (Exception e) {
                    throw new IllegalStateException("the swap failed", e);
                }
            }
        }
    }

    /** Ends the run, as a crash would, once epoch {@code epoch} is logged and checkpointed. */
    private record CrashAfterEpoch(int epoch) implements TrainingListener {
        static final String MESSAGE = "simulated crash";

        @Override
        public void epochFinished(EpochRecord record, String selectionMetric) {
            if (record.epoch() == epoch) {
                throw new SimulatedCrash(MESSAGE);
            }
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }
}
