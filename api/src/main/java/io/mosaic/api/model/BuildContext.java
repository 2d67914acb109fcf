package io.mosaic.api.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** What a factory needs to create a module's parameters. */
public interface BuildContext {

    /** The manager that owns the parameters for the model's lifetime. */
    NDManager manager();

    /** The data type of parameters (float32 unless an assembly says otherwise). */
    default DataType dataType() {
        return DataType.FLOAT32;
    }
}
