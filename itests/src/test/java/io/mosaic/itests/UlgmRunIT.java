package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ulgm} from the losses bundle on the real runtime. No shipped pipeline records Self-MM's taps yet, so the
 * baseline stands in: GRUs of width 1 make each modality's pooled code [B, 1], read both as the modality's features
 * and as its prediction, and {@code joint} as the fusion's features. The run writes the generated labels per epoch,
 * and a run that crashes in epoch 2 resumes to the same labels and numbers.
 */
class UlgmRunIT {
    private static final int EPOCHS = 3;
    private static final List<String> OVERRIDES = List.of("data.preset=tiny", "train.epochs=" + EPOCHS,
            "train.patience=0",
            "components.text=[{use: gru, hidden: 1}, masked-mean-pool]",
            "components.audio=[{use: gru, hidden: 1}, masked-mean-pool]",
            "components.vision=[{use: gru, hidden: 1}, masked-mean-pool]",
            "objectives=[l1, {use: ulgm, features: '{m}.encoded', predictions: '{m}.encoded', fusion-features: joint}]");

    @TempDir
    static Path work;

    private static Path reference;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve("reference")),
                Duration.ofSeconds(10));
        List<String> arguments = new ArrayList<>(List.of("run", "baseline", "--quiet"));
        OVERRIDES.forEach(o -> arguments.addAll(List.of("--set", o)));
        Cli.Result result = Cli.run(options, arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        reference = RunFiles.onlyRun(options.runs());
    }

    @Test
    void theGeneratedLabelsAreWrittenPerEpochAndMoveFromEpochTwo() throws IOException {
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            List<String> lines = Files.readAllLines(table(reference, epoch));
            assertThat(lines.get(0)).isEqualTo("id,multimodal,text,audio,vision");
            assertThat(lines).as("the 160 training samples of tiny").hasSize(161);
            assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("train/"));
        }
        // Epoch 1 does not update: every generated label is still the multimodal one.
        assertThat(Files.readAllLines(table(reference, 1)).subList(1, 161)).allSatisfy(line -> {
            List<String> cells = Arrays.asList(line.split(","));
            assertThat(cells.subList(2, 5)).containsOnly(cells.get(1));
        });
        assertThat(Files.readAllLines(table(reference, 2))).isNotEqualTo(Files.readAllLines(table(reference, 1)));

        EpochTable epochs = RunFiles.epochs(reference);
        // w = tanh(|y^s − y^f|) is 0 for every sample until its first update, in epoch 2.
        List<Double> ulgm = epochs.numbers("objective_ulgm");
        assertThat(ulgm.subList(0, 2)).containsOnly(0.0);
        assertThat(ulgm.get(2)).isPositive();
        // Validation samples have no generated label: the validation loss is the multimodal L1 alone (its batch
        // means summed in float32, hence the tolerance).
        List<Double> mae = epochs.numbers("valid_mae");
        List<Double> loss = epochs.numbers("valid_loss");
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            assertThat(loss.get(epoch)).isCloseTo(mae.get(epoch), within(2e-6));
        }
        try (ZipFile checkpoint = new ZipFile(reference.resolve("checkpoints/last.ckpt").toFile())) {
            assertThat(checkpoint.getEntry("objectives/ulgm.ndlist")).isNotNull();
        }
    }

    @Test
    void aRunCrashedInEpochTwoResumesToTheSameLabelsAndNumbers() throws IOException {
        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve("crashed")),
                Duration.ofSeconds(10));
        try (Host host = Host.boot(options)) {
            ResolvedAssembly assembly = host.assemblies().resolve("baseline", OVERRIDES);
            assertThatThrownBy(() -> host.runs().run(assembly, Optional.empty(), new CrashInEpochTwo()))
                    .hasMessage(CrashInEpochTwo.MESSAGE);
        }
        Path crashed = RunFiles.onlyRun(options.runs());
        assertThat(table(crashed, 1)).hasSameTextualContentAs(table(reference, 1));
        assertThat(table(crashed, 2)).doesNotExist();

        Cli.Result resumed = Cli.run(options, "run", "--resume", crashed.toString(), "--quiet");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            assertThat(table(crashed, epoch)).as("epoch %d", epoch).hasSameTextualContentAs(table(reference, epoch));
        }
        assertThat(RunFiles.epochs(crashed).withoutTiming()).isEqualTo(RunFiles.epochs(reference).withoutTiming());
        assertThat(RunFiles.metrics(crashed).get("test")).isEqualTo(RunFiles.metrics(reference).get("test"));
    }

    private static Path table(Path run, int epoch) {
        return run.resolve(String.format("objectives/ulgm/epoch-%03d.csv", epoch));
    }

    /** Kills training (as far as the run can tell) after the third step of epoch 2. */
    private static final class CrashInEpochTwo implements TrainingListener {
        static final String MESSAGE = "simulated crash in epoch 2";
        private int epoch;
        private int batches;

        @Override
        public void epochStarted(int epoch, int totalEpochs, String stage, int count) {
            this.epoch = epoch;
        }

        @Override
        public void batchFinished(double loss) {
            if (epoch == 2 && ++batches == 3) {
                throw new IllegalStateException(MESSAGE);
            }
        }
    }
}
