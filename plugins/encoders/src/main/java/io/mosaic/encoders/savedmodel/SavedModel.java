package io.mosaic.encoders.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;

/**
 * A loaded SavedModel and the one signature an encoder calls, checked against the names the assembly gives: the
 * frames input, optionally a lengths or a mask input, and the output. Every refusal names the model folder, what
 * was asked and what the model has. Closing it releases TensorFlow's session and graph.
 */
final class SavedModel implements AutoCloseable {
    private static final List<String> MODEL_FILES = List.of("saved_model.pb", "saved_model.pbtxt");

    private final Path folder;
    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final Names names;
    private final DataType auxiliaryType;

    /**
     * The tensor names of the signature an encoder uses.
     *
     * @param lengths the input fed each sample's length [B], or empty
     * @param mask    the input fed 1 before each sample's length and 0 after [B, T], or empty
     */
    record Names(String signature, String input, String output, String lengths, String mask) {
    }

    private SavedModel(Path folder, SavedModelBundle bundle, SessionFunction function, Names names,
                       DataType auxiliaryType) {
        this.folder = folder;
        this.bundle = bundle;
        this.function = function;
        this.names = names;
        this.auxiliaryType = auxiliaryType;
    }

    /**
     * Loads the SavedModel in {@code folder} with {@code tags} and checks {@code names} against its signatures.
     *
     * @param frameDim the number of features per frame the encoder is given
     * @throws IllegalArgumentException when the folder is missing or no SavedModel, or a name is not the model's
     */
    static SavedModel load(Path folder, List<String> tags, Names names, int frameDim, ConfigProto config) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("model folder " + folder + " does not exist or is not a folder");
        }
        if (MODEL_FILES.stream().noneMatch(file -> Files.isRegularFile(folder.resolve(file)))) {
            throw new IllegalArgumentException("model folder " + folder + " is not a TensorFlow SavedModel: it holds "
                    + "neither " + String.join(" nor ", MODEL_FILES));
        }
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(folder.toString()).withTags(tags.toArray(String[]::new))
                    .withConfigProto(config).load();
        } catch (TensorFlowException e) {
            throw new IllegalArgumentException("model folder " + folder + ": TensorFlow cannot load it with tags "
                    + tags + " (" + e.getClass().getSimpleName() + ")", e);
        }
        try {
            Signature signature = bundle.signatures().stream().filter(s -> s.key().equals(names.signature()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("model folder " + folder
                            + " has no signature '" + names.signature() + "'; its signatures are " + bundle
                            .signatures().stream().map(Signature::key).sorted().toList()));
            DataType auxiliary = check(folder, signature, names, frameDim);
            return new SavedModel(folder, bundle, bundle.function(names.signature()), names, auxiliary);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /** Checks the signature's inputs and output; returns the data type of the lengths or mask input, if any. */
    private static DataType check(Path folder, Signature signature, Names names, int frameDim) {
        String where = "model folder " + folder + ", signature '" + signature.key() + "'";
        Map<String, Signature.TensorDescription> inputs = signature.getInputs();
        Map<String, Signature.TensorDescription> outputs = signature.getOutputs();
        Signature.TensorDescription frames = described(where, "input", names.input(), inputs);
        if (frames.dataType != DataType.DT_FLOAT) {
            throw new IllegalArgumentException(where + ": input '" + names.input() + "' takes " + frames.dataType
                    + "; savedmodel-encoder feeds float32 frames (DT_FLOAT)");
        }
        if (!frames.shape.isUnknown()) {
            int rank = frames.shape.numDimensions();
            long last = rank == 0 ? -1 : frames.shape.size(rank - 1);
            if (rank != 3 || (last >= 0 && last != frameDim)) {
                throw new IllegalArgumentException(where + ": input '" + names.input() + "' has shape "
                        + frames.shape + "; the slot passes frames [B, T, " + frameDim + "]");
            }
        }
        Signature.TensorDescription output = described(where, "output", names.output(), outputs);
        if (output.dataType != DataType.DT_FLOAT) {
            throw new IllegalArgumentException(where + ": output '" + names.output() + "' is " + output.dataType
                    + "; savedmodel-encoder reads float32 (DT_FLOAT)");
        }
        Set<String> fed = new TreeSet<>(Set.of(names.input()));
        DataType auxiliary = null;
        for (String name : new String[] {names.lengths(), names.mask()}) {
            if (!name.isEmpty()) {
                auxiliary = described(where, "input", name, inputs).dataType;
                if (auxiliary != DataType.DT_INT32 && auxiliary != DataType.DT_INT64
                        && (auxiliary != DataType.DT_FLOAT || name.equals(names.lengths()))) {
                    throw new IllegalArgumentException(where + ": input '" + name + "' takes " + auxiliary
                            + "; expected DT_INT32 or DT_INT64" + (name.equals(names.mask()) ? " or DT_FLOAT" : ""));
                }
                fed.add(name);
            }
        }
        Set<String> unfed = new TreeSet<>(inputs.keySet());
        unfed.removeAll(fed);
        if (!unfed.isEmpty()) {
            throw new IllegalArgumentException(where + " also takes inputs " + unfed + ", which savedmodel-encoder "
                    + "would not feed; name a lengths input as lengths-input or a mask input as mask-input");
        }
        if (!names.lengths().isEmpty() && !names.mask().isEmpty()) {
            throw new IllegalArgumentException(where + ": give lengths-input or mask-input, not both");
        }
        return auxiliary;
    }

    private static Signature.TensorDescription described(String where, String kind, String name,
                                                         Map<String, Signature.TensorDescription> found) {
        Signature.TensorDescription description = found.get(name);
        if (description == null) {
            throw new IllegalArgumentException(where + " has no " + kind + " '" + name + "'; its " + kind + "s are "
                    + new TreeSet<>(found.keySet()));
        }
        return description;
    }

    /** {@code model folder <folder>, signature '<key>'}, as messages name the model. */
    String describe() {
        return "model folder " + folder + ", signature '" + names.signature() + "'";
    }

    Names names() {
        return names;
    }

    /** The data type of the lengths or mask input; null when the model takes neither. */
    DataType auxiliaryType() {
        return auxiliaryType;
    }

    /**
     * Runs the signature on {@code feeds} (by input name; the caller closes them) and returns the output tensor,
     * which the result owns: read it before closing the result.
     */
    Result call(Map<String, Tensor> feeds) {
        return function.call(feeds);
    }

    @Override
    public void close() {
        bundle.close();
    }
}
