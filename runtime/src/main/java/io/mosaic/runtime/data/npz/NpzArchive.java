package io.mosaic.runtime.data.npz;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a NumPy {@code .npz} archive ({@code numpy.savez} or {@code savez_compressed}): a zip file of {@code .npy}
 * arrays, each named by its entry name without {@code .npy}.
 */
public final class NpzArchive {

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
            for (ZipEntry entry : Collections.list(zip.entries())) {
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
