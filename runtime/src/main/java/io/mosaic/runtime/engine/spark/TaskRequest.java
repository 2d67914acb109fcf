package io.mosaic.runtime.engine.spark;

import io.mosaic.runtime.engine.RunTask;
import java.io.Serializable;
import java.nio.file.Path;

/** A {@link RunTask} as Spark ships it to an executor (a path is not serializable). */
record TaskRequest(String label, String folder, String resolvedYaml) implements Serializable {
    private static final long serialVersionUID = 1L;

    static TaskRequest of(RunTask task) {
        return new TaskRequest(task.label(), task.folder().toString(), task.resolvedYaml());
    }

    RunTask task() {
        return new RunTask(label, Path.of(folder), resolvedYaml);
    }
}
