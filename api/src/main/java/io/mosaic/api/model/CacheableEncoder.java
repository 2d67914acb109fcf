package io.mosaic.api.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An encoder whose outputs are a fixed function of its input and of the files it was loaded from: a frozen pretrained
 * model. When such an encoder is the first of its chain, the runtime may compute its outputs for every sample of a
 * split once, store them on disk under the model's {@link #contentFingerprint()}, and feed them to the rest of the
 * chain in place of running it.
 *
 * <p>An implementation promises that {@link #forward} returns the same numbers for a sample whatever the batch it
 * is in and whether {@code training} is set (no dropout, no statistics updated), that it owns no parameter Mosaic
 * trains, and that its fingerprint changes whenever a file it reads does.
 */
public interface CacheableEncoder {

    /**
     * The identity of what this encoder computes, typically {@link #sha256} of its model file or folder plus the
     * parameters that change its outputs; empty when this instance's outputs may change (it is fine-tuned), so that
     * nothing is cached for it.
     */
    Optional<String> contentFingerprint();

    /**
     * The SHA-256 of a file's bytes, or of a folder's regular files (each one's path relative to the folder, its size
     * and its bytes, in path order), as 64 hex digits.
     *
     * @throws UncheckedIOException naming the path when it cannot be read
     */
    static String sha256(Path fileOrFolder) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(fileOrFolder)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(fileOrFolder)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String relative = fileOrFolder.relativize(file).toString().replace('\\', '/');
                    digest.update(relative.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(Files.size(file)).flip());
                    update(digest, file);
                }
            } else {
                update(digest, fileOrFolder);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileOrFolder + " to fingerprint it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            while (in.read(buffer) >= 0) {
                // DigestInputStream updates the digest as it reads.
            }
        }
    }
}
