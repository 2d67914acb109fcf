package io.mosaic.runtime.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the small files of run folders that may have been damaged or planted: never through a symbolic link, never
 * more than a bound (a file larger than it is refused, not read), and with errors that name the file and what is
 * wrong without echoing its content.
 */
public final class FolderFiles {
    /** The most bytes read of a {@code run.json}, {@code summary.json} or resolved assembly. */
    public static final long SMALL = 1L << 20;
    /** The most bytes read of a {@code metrics.json} or {@code comparison.json}, which hold sweeps' curves. */
    public static final long RESULTS = 16L << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).findAndRegisterModules();

    private FolderFiles() {
    }

    /** Whether {@code path} is a folder itself, not a symbolic link to one. */
    public static boolean isFolder(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether {@code path} is a regular file itself, not a symbolic link to one. */
    public static boolean isFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The bytes of {@code file}, at most {@code limit}.
     *
     * @throws UnreadableFileException when it is missing, a symbolic link or not a regular file, larger than
     *                                 {@code limit}, or cannot be read
     */
    public static byte[] read(Path file, long limit) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, "is missing");
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + reason(e));
        }
        if (attributes.isSymbolicLink()) {
            throw new UnreadableFileException(file, "is a symbolic link, which is not followed");
        }
        if (!attributes.isRegularFile()) {
            throw new UnreadableFileException(file, "is not a regular file");
        }
        if (attributes.size() > limit) {
            throw new UnreadableFileException(file, String.format(Locale.ROOT, "holds %d bytes, more than the %d "
                    + "such a file may hold", attributes.size(), limit));
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new UnreadableFileException(file, "grew past " + limit + " bytes while it was read");
            }
            return bytes;
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + reason(e));
        }
    }

    /** {@link #read} of {@code file} as JSON of {@code type}, or empty when there is no such file. */
    public static <T> Optional<T> readJsonIfPresent(Path file, Class<T> type, long limit) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(readJson(file, type, limit));
    }

    /**
     * {@link #read} of {@code file} as JSON of {@code type}.
     *
     * @throws UnreadableFileException as {@link #read} does, or naming the line and column of the first text that is
     *                                 not JSON, or the field that holds the wrong kind of value
     */
    public static <T> T readJson(Path file, Class<T> type, long limit) {
        byte[] bytes = read(file, limit);
        try {
            T value = JSON.readValue(bytes, type);
            if (value == null) {
                throw new UnreadableFileException(file, "holds null, not a JSON object");
            }
            return value;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : Integer.toString(r.getIndex())).collect(Collectors.joining("."));
            throw new UnreadableFileException(file, (field.isEmpty() ? "does not hold the expected JSON object"
                    : "holds the wrong kind of value at '" + field + "'") + where(e));
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException(file, "is not valid JSON" + where(e));
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + reason(e));
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : String.format(Locale.ROOT, " (line %d, column %d)",
                e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getClass().getSimpleName();
    }
}
