package io.mosaic.runtime.data.npz;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a NumPy {@code .npz} archive ({@code numpy.savez} or {@code savez_compressed}): a zip file of {@code .npy}
 * arrays, each named by its entry name without {@code .npy}.
 *
 * <p>Sizes are checked before anything is inflated: every entry must declare its size in the central directory, a
 * stored entry must hold what it declares, a compressed entry beyond 1 MiB may expand at most 100 times (Apache POI's
 * zip-bomb limit; real features compress far less), and the declared sizes together must fit the JVM's heap. Reading
 * then never goes beyond an entry's declared size: {@link NpyReader} reads what the array's header promises, and
 * refuses a header that promises more than the entry declares.
 */
public final class NpzArchive {
    /** Above this declared size, an entry's inflation ratio is checked. */
    private static final long RATIO_GRACE = 1 << 20;
    private static final long MAX_RATIO = 100;

    private NpzArchive() {
    }

    /**
     * The arrays of {@code file} in archive order.
     *
     * @throws IllegalArgumentException naming the file (and the entry) when it is missing, not a zip archive, holds
     *                                  something other than {@code .npy} arrays, or an array cannot be read
     */
    public static Map<String, NdArray> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            long declared = 0;
            for (ZipEntry entry : entries) {
                long size = declaredSize(file, entry);
                declared = size > Long.MAX_VALUE - declared ? Long.MAX_VALUE : declared + size;
            }
            HeapLimit.require(file + ": its arrays", declared);
            for (ZipEntry entry : entries) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    throw new IllegalArgumentException(file + ": entry '" + name + "' is not an .npy array");
                }
                arrays.put(name.substring(0, name.length() - ".npy".length()), array(file, zip, entry));
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": not a readable .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return arrays;
    }

    /** The entry's declared (inflated) size, after checking it against its compressed size. */
    private static long declaredSize(Path file, ZipEntry entry) {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        String name = file + ": entry '" + entry.getName() + "'";
        if (size < 0 || compressed < 0) {
            throw new IllegalArgumentException(name + " does not declare its size");
        }
        if (entry.getMethod() == ZipEntry.STORED && size != compressed) {
            throw new IllegalArgumentException(name + " is stored uncompressed but declares " + size
                    + " bytes in " + compressed);
        }
        if (size > RATIO_GRACE && size / MAX_RATIO > compressed) {
            throw new IllegalArgumentException(name + " declares " + size + " bytes inflated from " + compressed
                    + " (" + size / Math.max(1, compressed) + " to 1, above " + MAX_RATIO + " to 1): refused as a "
                    + "zip bomb; if the data really compresses this well, save it with numpy.savez (uncompressed)");
        }
        return size;
    }

    private static NdArray array(Path file, ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
            return NpyReader.read(in, entry.getSize());
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": entry '" + entry.getName() + "' is truncated: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException | ZipException e) {
            throw new IllegalArgumentException(file + ": entry '" + entry.getName() + "': " + e.getMessage(), e);
        }
    }
}
