package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.CacheableEncoder;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/**
 * A frozen file-backed encoder first in its chain runs once per split and data, its outputs then read from the cache
 * folder: counted by the samples the encoder sees; the numbers are those of an uncached run, bit for bit.
 */
class EncoderCacheTest {
    private static final int EPOCHS = 2;

    @TempDir
    Path runs;
    @TempDir
    Path models;
    private Path cache;
    private Path modelFile;
    /** How many samples the test encoders have run on. */
    private final AtomicLong samples = new AtomicLong();
    private final List<String> messages = new ArrayList<>();

    @BeforeEach
    void modelFile() throws IOException {
        cache = runs.resolve("encoder-cache");
        modelFile = models.resolve("scale.bin");
        Files.write(modelFile, new byte[] {3});
    }

    /**
     * {@code frozen-file}: x ↦ s·x + tanh(x) with s the first byte of the file {@code file} (a stand-in for a
     * pretrained model), cacheable unless {@code trainable}, counting the samples it runs on.
     */
    private EncoderFactory frozenFile() {
        return new EncoderFactory() {
            @Override
            public String description() {
                return "Scales by a file's first byte.";
            }

            @Override
            public ParameterSchema parameters() {
                return ParameterSchema.builder().string("file", null, "the model file")
                        .bool("trainable", false, "whether it is fine-tuned").build();
            }

            @Override
            public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
                Path file = context.resolve(parameters.string("file"));
                float scale;
                try {
                    scale = Files.readAllBytes(file)[0];
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file, e);
                }
                Optional<String> fingerprint = parameters.bool("trainable") ? Optional.empty()
                        : Optional.of(CacheableEncoder.sha256(file));
                return new FileEncoder(input, scale, fingerprint);
            }
        };
    }

    private final class FileEncoder extends Encoder implements CacheableEncoder {
        private final FeatureShape shape;
        private final float scale;
        private final Optional<String> fingerprint;

        FileEncoder(FeatureShape shape, float scale, Optional<String> fingerprint) {
            this.shape = shape;
            this.scale = scale;
            this.fingerprint = fingerprint;
        }

        @Override
        public Optional<String> contentFingerprint() {
            return fingerprint;
        }

        @Override
        public FeatureShape output() {
            return shape;
        }

        @Override
        public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
            samples.addAndGet(input.values().getShape().get(0));
            NDArray x = input.values();
            return input.withValues(x.mul(x.getManager().create(scale)).add(x.tanh()));
        }
    }

    private InstalledComponents installed() {
        Version version = new Version(1, 0, 0);
        return InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "frozen-file", "io.mosaic.test.frozen", version, frozenFile())
                .add(ComponentKind.ENCODER, "keep", "io.mosaic.test.keep", version,
                        ShapeKeepingEncoders.factory("The identity.", (features, taps, training) -> features));
    }

    private ResolvedAssembly assembly(String textChain, String... overrides) {
        String yaml = TinyBaseline.YAML.replace("text: [ {", "text: [ " + textChain + ", {");
        List<String> settings = new ArrayList<>(List.of("train.epochs=" + EPOCHS, "train.patience=0"));
        settings.addAll(List.of(overrides));
        return Assemblies.resolve(installed(), "tiny.yaml", yaml, settings.toArray(String[]::new));
    }

    private String frozen() {
        return "{ use: frozen-file, file: '" + modelFile + "' }";
    }

    /** Trains {@code assembly}, caching in {@link #cache} when {@code cached}. */
    private TrainingResult train(ResolvedAssembly assembly, boolean cached) {
        TrainingListener listener = new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        try (NDManager root = NDManager.newBaseManager()) {
            return new Trainer(listener, new StopRequest(), cached ? cache : null).train(assembly, folder, root,
                    false);
        }
    }

    /** Every split's size: what building every split's cache runs the encoder on. */
    private static long everySplit(ResolvedAssembly assembly) {
        Dataset data = assembly.dataset();
        return (long) data.split(Dataset.TRAIN).size() + data.split(Dataset.VALID).size()
                + data.split(Dataset.TEST).size();
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aSecondRunReadsTheCacheAndBothEqualAnUncachedRunBitForBit() throws IOException {
        ResolvedAssembly assembly = assembly(frozen());
        long splits = everySplit(assembly);
        int train = assembly.dataset().split(Dataset.TRAIN).size();
        int valid = assembly.dataset().split(Dataset.VALID).size();
        int test = assembly.dataset().split(Dataset.TEST).size();

        TrainingResult uncached = train(assembly, false);
        // Uncached: every epoch's training passes and validation, then the selected model on valid and test, and
        // the two probe batches that size the evaluation batches to train.eval-memory.
        assertThat(samples.getAndSet(0)).isEqualTo(EPOCHS * ((long) train + valid) + valid + test
                + EvaluationMemory.SMALL_PROBE + EvaluationMemory.LARGE_PROBE);
        assertThat(cache).doesNotExist();

        TrainingResult first = train(assembly, true);
        assertThat(samples.getAndSet(0)).as("each split encoded once").isEqualTo(splits);
        assertThat(cacheFiles()).hasSize(3);
        assertThat(messages).filteredOn(m -> m.startsWith("encoder cache: built")).hasSize(3);

        TrainingResult second = train(assembly, true);
        assertThat(samples.get()).as("the encoder never ran").isZero();
        assertThat(messages).filteredOn(m -> m.startsWith("encoder cache: reusing")).hasSize(3);

        for (TrainingResult cached : List.of(first, second)) {
            assertThat(cached.test().orElseThrow().metrics().asMap())
                    .isEqualTo(uncached.test().orElseThrow().metrics().asMap());
            assertThat(cached.test().orElseThrow().predictions())
                    .isEqualTo(uncached.test().orElseThrow().predictions());
            assertThat(cached.valid().predictions()).isEqualTo(uncached.valid().predictions());
            assertThat(cached.state().history().get(EPOCHS - 1).trainLoss())
                    .isEqualTo(uncached.state().history().get(EPOCHS - 1).trainLoss());
        }
    }

    /** Evaluation batches run at once each read their own samples from the cache, as one batch at a time does. */
    @Test
    void batchesEvaluatedAtOnceReadTheCacheOnTheirOwnThreads() throws IOException {
        ResolvedAssembly assembly = assembly(frozen(), "train.eval-workers=3");

        TrainingResult uncached = train(assembly, false);
        train(assembly, true);
        samples.set(0);
        TrainingResult cached = train(assembly, true);

        assertThat(samples.get()).as("the encoder never ran").isZero();
        assertThat(cached.valid().predictions()).isEqualTo(uncached.valid().predictions());
        assertThat(cached.test().orElseThrow().predictions())
                .isEqualTo(uncached.test().orElseThrow().predictions());
    }

    @Test
    void aChangedModelFileInvalidatesTheCache() throws IOException {
        ResolvedAssembly assembly = assembly(frozen());
        TrainingResult before = train(assembly, true);
        samples.set(0);
        Files.write(modelFile, new byte[] {5});

        TrainingResult after = train(assembly, true);

        assertThat(samples.get()).as("encoded again").isEqualTo(everySplit(assembly));
        assertThat(cacheFiles()).as("new files beside the old ones").hasSize(6);
        assertThat(after.test().orElseThrow().predictions()).isNotEqualTo(before.test().orElseThrow().predictions());
    }

    @Test
    void aTruncatedCacheFileIsRebuiltNotTrusted() throws IOException {
        ResolvedAssembly assembly = assembly(frozen());
        TrainingResult intact = train(assembly, true);
        int train = assembly.dataset().split(Dataset.TRAIN).size();
        // The train split's file is the largest.
        Path cut = cacheFiles().stream().max(Comparator.comparingLong(EncoderCacheTest::size)).orElseThrow();
        long sizeBefore = size(cut);
        try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            channel.truncate(size(cut) - 100);
        }
        samples.set(0);
        messages.clear();

        TrainingResult again = train(assembly, true);

        assertThat(samples.get()).as("only the cut split encoded again").isEqualTo(train);
        assertThat(messages).anyMatch(m -> m.contains("fails its checksum") || m.contains("cannot fill"));
        assertThat(cacheFiles()).hasSize(3);
        assertThat(size(cut)).as("whole again").isEqualTo(sizeBefore);
        assertThat(again.test().orElseThrow().predictions()).isEqualTo(intact.test().orElseThrow().predictions());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTrainableOrNonFirstEncoderIsNeverCached() {
        int train = assembly(frozen()).dataset().split(Dataset.TRAIN).size();
        for (String chain : List.of("{ use: frozen-file, trainable: true, file: '" + modelFile + "' }",
                "keep, " + frozen())) {
            ResolvedAssembly assembly = assembly(chain);
            samples.set(0);
            train(assembly, true);
            assertThat(samples.get()).as(chain).isGreaterThanOrEqualTo((long) EPOCHS * train);
            assertThat(cache).as(chain).doesNotExist();
        }
    }
}
