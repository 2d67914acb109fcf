package io.mosaic.runtime.encodercache;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.CacheableEncoder;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A model's on-disk caches of frozen encoders' outputs: one file per (encoder content, data, split, modality) in a
 * folder shared by runs, {@code <key>.enc} where the key is the SHA-256 of the encoder's
 * {@link CacheableEncoder#contentFingerprint() fingerprint}, the {@link DataFingerprint data's}, the split's name,
 * the modality and the encoder's output shape.
 *
 * <p>The runtime says which batch it is running ({@link #feeding}): a batch it made from a split's samples, before
 * any corruption. A cached encoder whose input is exactly that batch's features of a modality (the same arrays, not
 * a corrupted or otherwise derived copy) reads its outputs from the file for that split and modality, building the
 * file on first use by running the encoder over the whole split in evaluation batches; any other input runs the
 * encoder. The batch fed is the calling thread's, so that evaluation batches may run on several threads at once; the
 * files are opened, built and read by one thread at a time.
 */
public final class EncoderCaches implements AutoCloseable {
    private static final String SUFFIX = ".enc";

    private final Path folder;
    private final String data;
    private final Batcher batcher;
    private final int batchSize;
    private final Consumer<String> messages;
    private final Map<String, CacheFile> open = new LinkedHashMap<>();
    private final ThreadLocal<Fed> fed = new ThreadLocal<>();

    private EncoderCaches(Path folder, String data, Batcher batcher, int batchSize, Consumer<String> messages) {
        this.folder = folder;
        this.data = data;
        this.batcher = batcher;
        this.batchSize = batchSize;
        this.messages = messages;
    }

    /** Caches nothing: every encoder runs on every pass. */
    public static EncoderCaches none() {
        return new EncoderCaches(null, null, null, 0, message -> { });
    }

    /**
     * Caches in {@code folder} (created when first written) for {@code assembly}'s data, building in batches of its
     * evaluation batch size.
     *
     * @param messages hears when a cache is built, reused or rebuilt
     */
    public static EncoderCaches in(Path folder, ResolvedAssembly assembly, Consumer<String> messages) {
        return new EncoderCaches(folder.toAbsolutePath().normalize(), DataFingerprint.of(assembly),
                new Batcher(assembly.dataSpec().inputs(), assembly.dataSpec().task()), assembly.train().evalBatch(),
                messages);
    }

    /**
     * {@code guarded} (the runtime's guarded module of {@code component}, the first of its chain at {@code place}),
     * reading its outputs from the caches when {@code component} is a {@link CacheableEncoder} with a fingerprint
     * and no parameters; else {@code guarded} itself. {@code scope} runs the passes that build a cache as the model
     * runs its own, with the batch being encoded.
     */
    public Encoder firstOfChain(Encoder component, Encoder guarded, String place, PassScope scope) {
        if (folder == null || !(component instanceof CacheableEncoder cacheable)
                || !component.getParameters().isEmpty()) {
            return guarded;
        }
        Optional<String> fingerprint = cacheable.contentFingerprint();
        return fingerprint.isEmpty() ? guarded : new CachedEncoder(guarded, fingerprint.get(), place, this, scope);
    }

    /** The batch being run, made from {@code split}'s samples, until the returned handle is closed. */
    public Fed feeding(Split split, Batch batch) {
        Fed batchFed = new Fed(split, batch, fed.get());
        fed.set(batchFed);
        return batchFed;
    }

    /** A batch being fed; closing it restores the one fed before. */
    public final class Fed implements AutoCloseable {
        private final Split split;
        private final Batch batch;
        private final Fed previous;

        private Fed(Split split, Batch batch, Fed previous) {
            this.split = split;
            this.batch = batch;
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                fed.remove();
            } else {
                fed.set(previous);
            }
        }
    }

    /**
     * The cached outputs of {@code encoder} for {@code input}, when {@code input} is one modality's features of the
     * batch being fed, exactly as it was made; empty otherwise.
     */
    Optional<Features> outputs(CachedEncoder encoder, Features input) {
        Fed batchFed = fed.get();
        if (batchFed == null) {
            return Optional.empty();
        }
        for (Map.Entry<Modality, Features> entry : batchFed.batch.inputs().entrySet()) {
            Features made = entry.getValue();
            if (made.values() == input.values() && made.lengths() == input.lengths()) {
                synchronized (open) {
                    CacheFile file = file(encoder, batchFed.split, entry.getKey(), input.values().getDevice());
                    return Optional.of(file.read(batchFed.batch.ids(), input.values().getManager()));
                }
            }
        }
        return Optional.empty();
    }

    /** The open cache file of {@code encoder}'s outputs for {@code split}'s {@code modality}, built if need be. */
    private CacheFile file(CachedEncoder encoder, Split split, Modality modality, Device device) {
        String key = key(encoder, split, modality);
        CacheFile file = open.get(key);
        if (file != null) {
            return file;
        }
        Path path = folder.resolve(key + SUFFIX);
        String what = encoder.place() + " outputs for the " + split.name() + " split's " + modality.id();
        if (Files.isRegularFile(path)) {
            try {
                file = CacheFile.open(path, key, encoder.output(), split.size());
                messages.accept("encoder cache: reusing " + what + " from " + path);
            } catch (CacheFile.Invalid invalid) {
                messages.accept("encoder cache: " + path + " " + invalid.getMessage() + "; rebuilding it");
            }
        }
        if (file == null) {
            file = build(encoder, split, modality, device, path, key, what);
        }
        open.put(key, file);
        return file;
    }

    /** Writes the cache file by running {@code encoder} over {@code split} in batches on {@code device}. */
    private CacheFile build(CachedEncoder encoder, Split split, Modality modality, Device device, Path path,
                            String key, String what) {
        long started = System.nanoTime();
        try (NDManager parent = NDManager.newBaseManager(device)) {
            CacheFile.write(path, key, encoder.output(), split.size(), sink -> {
                for (int start = 0; start < split.size(); start += batchSize) {
                    int[] indices = new int[Math.min(split.size(), start + batchSize) - start];
                    int from = start;
                    Arrays.setAll(indices, i -> from + i);
                    try (NDManager manager = parent.newSubManager()) {
                        Batch batch = batcher.batch(split, indices, manager);
                        Features outputs = encoder.compute(new ParameterStore(manager, false), batch, modality);
                        sink.accept(batch.ids(), outputs.values().toFloatArray(),
                                outputs.isSequence() ? outputs.lengths().toLongArray() : null);
                    }
                }
            });
        }
        try {
            CacheFile file = CacheFile.open(path, key, encoder.output(), split.size());
            messages.accept(String.format("encoder cache: built %s (%d samples) in %.1f s at %s", what,
                    split.size(), (System.nanoTime() - started) / 1e9, path));
            return file;
        } catch (CacheFile.Invalid invalid) {
            throw new IllegalStateException("the encoder cache " + path + " just written " + invalid.getMessage());
        }
    }

    private String key(CachedEncoder encoder, Split split, Modality modality) {
        String text = String.join("\n", "encoder=" + encoder.fingerprint(), "data=" + data, "split=" + split.name(),
                "modality=" + modality.id(), "output=" + encoder.output());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The files this model has opened, in the order it opened them. */
    public List<Path> files() {
        synchronized (open) {
            return open.values().stream().map(CacheFile::path).toList();
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            open.values().forEach(CacheFile::close);
            open.clear();
        }
    }
}
