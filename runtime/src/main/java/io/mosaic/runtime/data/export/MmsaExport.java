package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a testbed's splits as a feature file in MMSA's layout ({@link MmsaColumns}), so that the real-data loaders
 * read it: an MMSA pickle ({@code .pkl}) or an npz export ({@code .npz}). The file is written next to its target
 * as {@code .<name>.part} and moved into place when complete.
 */
public final class MmsaExport {

    private MmsaExport() {
    }

    /**
     * @param threads the threads that compute samples; 1 computes them on the caller's thread
     * @return the file's size in bytes
     * @throws IllegalArgumentException when the file name has neither extension, its folder does not exist, or
     *                                  {@code threads} is below 1
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static long write(Testbed testbed, Path file, int threads) {
        return write(testbed, file, ExportFormat.of(file).writer(), threads);
    }

    /** As {@link #write(Testbed, Path, int)}, in the format of {@code writer}. */
    static long write(Testbed testbed, Path file, FormatWriter writer, int threads) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(file + ": folder " + folder + " does not exist");
        }
        List<ExportSplit> splits = new ArrayList<>();
        for (String name : testbed.splitNames()) {
            TestbedSplit split = testbed.split(name);
            splits.add(new ExportSplit(name, split, MmsaColumns.of(testbed, longestId(split))));
        }
        try (SampleFeed feed = SampleFeed.withThreads(threads)) {
            Path partial = folder.resolve("." + file.getFileName() + ".part");
            try {
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                    writer.write(channel, splits, feed);
                }
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static int longestId(TestbedSplit split) {
        int longest = 0;
        for (int i = 0; i < split.size(); i++) {
            longest = Math.max(longest, split.id(i).length());
        }
        return longest;
    }
}
