package io.mosaic.runtime.encodercache;

import io.mosaic.runtime.assembly.ResolvedAssembly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The identity of an assembly's data, as 64 hex digits: the SHA-256 of its data settings as the resolved assembly
 * records them (source, task, data seed, the source's resolved parameters) and, for each parameter that names an
 * existing file, that file's absolute path, size and modification time, so that a rewritten data file changes it.
 */
final class DataFingerprint {

    private DataFingerprint() {
    }

    static String of(ResolvedAssembly assembly) {
        Map<String, Object> settings = new TreeMap<>(assembly.dataParameters().asMap());
        StringBuilder text = new StringBuilder()
                .append("source=").append(assembly.dataSource().name()).append('\n')
                .append("task=").append(assembly.dataSpec().task()).append('\n')
                .append("seed=").append(assembly.dataSeed()).append('\n');
        settings.forEach((key, value) -> {
            text.append(key).append('=').append(value).append('\n');
            fileStamp(value).ifPresent(stamp -> text.append(key).append(".file=").append(stamp).append('\n'));
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** {@code <absolute path> <size> <modified>} when {@code value} names an existing regular file. */
    private static Optional<String> fileStamp(Object value) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(text).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file)
                    .toMillis());
        } catch (InvalidPathException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of the data file " + text, e);
        }
    }
}
