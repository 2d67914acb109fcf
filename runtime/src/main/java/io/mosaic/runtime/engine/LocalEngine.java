package io.mosaic.runtime.engine;

import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.train.RunStoppedException;
import io.mosaic.runtime.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/** The default engine: trains the runs one after another in this process, with the listener's progress. */
public final class LocalEngine implements RunEngine {
    private final RunService runs;

    public LocalEngine(RunService runs) {
        this.runs = runs;
    }

    @Override
    public List<RunOutcome> runAll(List<RunTask> tasks, TrainingListener listener) {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            RunTask task = tasks.get(i);
            listener.message(task.label() + " (" + (i + 1) + " of " + tasks.size() + ")");
            try {
                runs.runTask(task, listener);
                outcomes.add(RunOutcome.completed(task));
            } catch (RunStoppedException e) {
                throw e;
            } catch (RuntimeException e) {
                // The run recorded its failure in its folder (run.json, failure.txt); the others go on.
                listener.message(task.label() + " failed: " + e.getMessage());
                outcomes.add(RunOutcome.failed(task, String.valueOf(e.getMessage())));
            }
        }
        return outcomes;
    }

    @Override
    public int parallelism() {
        return 1;
    }
}
