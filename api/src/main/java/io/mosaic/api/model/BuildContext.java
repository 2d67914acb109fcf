package io.mosaic.api.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.mosaic.api.data.DataSpec;
import java.nio.file.Path;

/** What a factory needs to create a module's parameters. */
public interface BuildContext {

    /** The manager that owns the parameters for the model's lifetime. */
    NDManager manager();

    /** The data type of parameters (float32 unless an assembly says otherwise). */
    default DataType dataType() {
        return DataType.FLOAT32;
    }

    /**
     * The shape of the data the model is built for, for components whose size depends on the raw inputs (a
     * confounder dictionary over every modality's features, say).
     *
     * @throws IllegalStateException when this context was made without data (a unit test's, for instance)
     */
    default DataSpec data() {
        throw new IllegalStateException("this build context carries no data spec");
    }

    /**
     * The file or folder a component's parameter names ({@code dir: models/vggface}): an absolute path as written, a
     * relative one against the folder of the assembly file whose {@code use:} entry chose the component (the working
     * directory when that assembly is not a file of its own, such as a shipped one). Nothing is read here.
     */
    default Path resolve(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
