package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.runtime.model.BuiltModel;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mosaic.runtime.run.AtomicFiles;
import io.mosaic.runtime.train.optim.Adam;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A checkpoint file: a zip holding the training state ({@code state.json}, with the parameter names in order), the
 * parameters ({@code parameters.ndlist}), the optimizer's state ({@code optimizer.ndlist}) and the state of each
 * {@link StatefulObjective} ({@code objectives/<name>.ndlist}). Written atomically, so a crash leaves the previous
 * checkpoint intact.
 */
final class Checkpoint {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final String STATE = "state.json";
    private static final String PARAMETERS = "parameters.ndlist";
    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String OBJECTIVES = "objectives/";
    private static final String NDLIST = ".ndlist";

    /** The state file's content: the training state and the order of the saved parameters. */
    record Meta(TrainingState state, List<String> parameters) {
    }

    private Checkpoint() {
    }

    /** Saves {@code model}'s parameters and its stateful objectives' state, and {@code optimizer}'s. */
    static void save(Path file, TrainingState state, BuiltModel model, Adam optimizer, NDManager scratch) {
        try (NDManager manager = scratch.newSubManager()) {
            Map<String, Parameter> parameters = model.parameters();
            NDList arrays = new NDList();
            parameters.values().forEach(p -> arrays.add(p.getArray()));
            NDList optimizerState = optimizer.exportState(manager);
            Map<String, NDList> objectiveStates = new LinkedHashMap<>();
            model.statefulObjectives().forEach((name, objective) -> objectiveStates.put(name,
                    objective.state(manager)));
            Meta meta = new Meta(state, List.copyOf(parameters.keySet()));
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                zip.putNextEntry(new ZipEntry(STATE));
                zip.write(JSON.writeValueAsBytes(meta));
                zip.putNextEntry(new ZipEntry(PARAMETERS));
                arrays.encode(zip);
                zip.putNextEntry(new ZipEntry(OPTIMIZER));
                optimizerState.encode(zip);
                for (Map.Entry<String, NDList> objective : objectiveStates.entrySet()) {
                    zip.putNextEntry(new ZipEntry(OBJECTIVES + objective.getKey() + NDLIST));
                    objective.getValue().encode(zip);
                }
                zip.finish();
            });
        }
    }

    /**
     * Reads only the training state of a checkpoint.
     *
     * @throws IllegalArgumentException when the file is corrupt, naming it
     */
    static TrainingState readState(Path file) {
        TrainingState state = read(file, (name, in) -> name.equals(STATE) ? readMeta(in).state() : null);
        if (state == null) {
            throw corrupt(file, "it lacks " + STATE);
        }
        return state;
    }

    /**
     * Restores {@code model}'s parameters and its stateful objectives' state, and {@code optimizer}'s, from
     * {@code file} and returns its training state.
     *
     * @throws IllegalArgumentException when the file holds other parameters (another model)
     */
    static TrainingState restore(Path file, BuiltModel model, Adam optimizer, NDManager scratch) {
        try (NDManager manager = scratch.newSubManager()) {
            Map<String, Parameter> parameters = model.parameters();
            Meta[] meta = new Meta[1];
            NDList[] lists = new NDList[2];
            Map<String, NDList> objectiveStates = new LinkedHashMap<>();
            read(file, (name, in) -> {
                switch (name) {
                    case STATE -> meta[0] = readMeta(in);
                    case PARAMETERS -> lists[0] = NDList.decode(manager, in.readAllBytes());
                    case OPTIMIZER -> lists[1] = NDList.decode(manager, in.readAllBytes());
                    default -> {
                        if (name.startsWith(OBJECTIVES) && name.endsWith(NDLIST)) {
                            String objective = name.substring(OBJECTIVES.length(), name.length() - NDLIST.length());
                            objectiveStates.put(objective, NDList.decode(manager, in.readAllBytes()));
                        }
                    }
                }
                return null;
            });
            if (meta[0] == null || lists[0] == null || lists[1] == null) {
                throw corrupt(file, "it lacks " + (meta[0] == null ? STATE : lists[0] == null ? PARAMETERS
                        : OPTIMIZER));
            }
            Map<String, StatefulObjective> stateful = model.statefulObjectives();
            for (String objective : stateful.keySet()) {
                if (!objectiveStates.containsKey(objective)) {
                    throw corrupt(file, "it lacks " + OBJECTIVES + objective + NDLIST);
                }
            }
            List<String> names = new ArrayList<>(parameters.keySet());
            if (!names.equals(meta[0].parameters())) {
                throw new IllegalArgumentException(file + " holds the parameters of another model");
            }
            for (int i = 0; i < names.size(); i++) {
                NDArray target = parameters.get(names.get(i)).getArray();
                NDArray saved = lists[0].get(i);
                if (!target.getShape().equals(saved.getShape())) {
                    throw new IllegalArgumentException(file + ": parameter " + names.get(i) + " is "
                            + saved.getShape() + " in the checkpoint, " + target.getShape() + " in the model");
                }
                // An indexed copy (copy_ in libtorch); set(ByteBuffer) would copy through a deprecated libtorch
                // guard that prints a 500-character warning on every run. Autograd refuses an in-place copy into a
                // parameter that trains (grad mode is per thread, and on in serve's job threads), so the parameter
                // stops training for the copy.
                boolean trains = target.hasGradient();
                target.setRequiresGradient(false);
                target.set(new NDIndex("..."), saved);
                target.setRequiresGradient(trains);
            }
            optimizer.loadState(lists[1]);
            stateful.forEach((name, objective) -> {
                try {
                    objective.restore(objectiveStates.get(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": the state of objective " + name + " does not fit: "
                            + e.getMessage(), e);
                }
            });
            return meta[0].state();
        }
    }

    private static Meta readMeta(InputStream in) throws IOException {
        return JSON.readValue(in.readAllBytes(), Meta.class);
    }

    @FunctionalInterface
    private interface EntryReader<T> {
        T read(String name, InputStream in) throws IOException;
    }

    /**
     * Reads every entry of the checkpoint {@code file}. A file that is not a readable zip of readable entries (a
     * truncated or damaged file: a bad CRC, an early end, garbage where arrays should be) is corrupt.
     *
     * @throws IllegalArgumentException when the file is corrupt, naming it
     */
    private static <T> T read(Path file, EntryReader<T> reader) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + AtomicFiles.reason(e), e);
        }
        try (ZipInputStream zip = new ZipInputStream(in)) {
            T found = null;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                T value = reader.read(entry.getName(), zip);
                found = value != null ? value : found;
            }
            return found;
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** The failure of a checkpoint that cannot be read back: truncated (a kill or a full disk) or damaged. */
    private static IllegalArgumentException corrupt(Path file, String detail) {
        String bounded = detail.length() > 120 ? detail.substring(0, 120) + "…" : detail;
        return new IllegalArgumentException(file + " is corrupt, not a checkpoint Mosaic can read (" + bounded
                + "); the run cannot resume from it");
    }
}
