package io.mosaic.runtime.data.pickle;

import io.mosaic.runtime.data.npz.HeapLimit;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a pickled data file without ever running code: only plain Python values and NumPy arrays are built, and every
 * global other than NumPy's own array globals (see {@link NumpyGlobals}) and joblib's array wrapper (see
 * {@link JoblibArray}: {@code joblib.dump} files) is refused, as are the opcodes that construct objects (NEWOBJ
 * only constructs joblib's wrapper). See {@link PickleMachine} for how Python values map to Java.
 */
public final class SafeUnpickler {
    private static final int BUFFER = 1 << 16;
    /** NumPy's array globals, and joblib's array wrapper, which only NEWOBJ constructs. */
    private static final Map<String, PickleCallable> DATA_GLOBALS = dataGlobals();

    private SafeUnpickler() {
    }

    /**
     * The value pickled in {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the byte where reading stopped, when the file is missing,
     *                                  is not a pickle of protocol 2 to 5, is truncated or corrupt, or names a
     *                                  refused global or opcode
     */
    public static Object load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            long size = Files.size(file);
            HeapLimit.require(file + ": its arrays", size);
            return load(file.toString(), in, size);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The value pickled in the {@code size} bytes of {@code in}; errors name {@code source}. */
    static Object load(String source, InputStream in, long size) throws IOException {
        PickleMachine machine = new PickleMachine(new PickleInput(in, size), DATA_GLOBALS);
        try {
            return machine.run();
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": truncated or corrupt pickle: at " + machine.location()
                    + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(source + ": at " + machine.location() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, PickleCallable> dataGlobals() {
        Map<String, PickleCallable> globals = new HashMap<>(NumpyGlobals.ALLOWED);
        globals.put(JoblibArray.WRAPPER, args -> {
            throw new IllegalArgumentException(JoblibArray.WRAPPER + " is only constructed with NEWOBJ");
        });
        return Map.copyOf(globals);
    }
}
