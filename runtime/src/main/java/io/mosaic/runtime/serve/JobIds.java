package io.mosaic.runtime.serve;

import io.mosaic.runtime.history.FolderFiles;
import io.mosaic.runtime.history.UnreadableFileException;
import io.mosaic.runtime.run.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Job numbers that never repeat for a runs folder: the last number given is kept in {@value #FILE} there, read and
 * written again (atomically) for each new job while holding a lock on {@value #LOCK}, so that a restarted server, or
 * two servers sharing a home, go on from the highest number given rather than reusing one a script or a bookmark may
 * still hold. (Numbers found in run folders would not do: a job cancelled while queued leaves no folder.) Both files
 * are hidden, so {@code mosaic runs} does not list them.
 */
final class JobIds implements IntSupplier {
    static final String FILE = ".serve-last-job";
    static final String LOCK = ".serve-last-job.lock";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
    private static final long LARGEST_FILE = 64;

    private final Path runs;

    private JobIds(Path runs) {
        this.runs = runs;
    }

    /**
     * The job numbers of {@code runs}, after checking that its record of the last one is readable.
     *
     * @throws UnreadableFileException when {@value #FILE} is a link, too large, or holds no job number
     */
    static JobIds in(Path runs) {
        JobIds ids = new JobIds(runs);
        ids.last();
        return ids;
    }

    /**
     * The next job's number: one more than the last given for this runs folder, by any server. The file lock keeps
     * other processes out; within this one (whose threads a file lock does not tell apart), one thread at a time.
     */
    @Override
    public int getAsInt() {
        synchronized (JobIds.class) {
            return next();
        }
    }

    private int next() {
        try {
            Files.createDirectories(runs);
            try (FileChannel channel = FileChannel.open(runs.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 FileLock held = channel.lock()) {
                int last = last();
                if (last == Integer.MAX_VALUE) {
                    throw new IllegalStateException(runs.resolve(FILE) + " says the last job was "
                            + Integer.MAX_VALUE + ", the largest job number there can be");
                }
                AtomicFiles.writeString(runs.resolve(FILE), (last + 1) + "\n");
                return last + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot number a new job in " + runs + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** The last number given; 0 when none was. */
    private int last() {
        Path file = runs.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        String text = new String(FolderFiles.read(file, LARGEST_FILE), StandardCharsets.US_ASCII).trim();
        if (!NUMBER.matcher(text).matches()) {
            throw new UnreadableFileException(file, "holds no job number (expected the last job's number, up to "
                    + "9 digits)");
        }
        return Integer.parseInt(text);
    }
}
