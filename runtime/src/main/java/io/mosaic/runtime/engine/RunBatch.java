package io.mosaic.runtime.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcomes of a batch of groups of runs (seed groups of a comparison or of variants), split back into the groups
 * that planned them: the engine trains every group's tasks in one batch, in the groups' order.
 */
public final class RunBatch {

    private RunBatch() {
    }

    /** Every group's tasks (or outcomes), in order, as one batch. */
    public static <T> List<T> flatten(List<List<T>> groups) {
        List<T> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return all;
    }

    /**
     * {@code outcomes} (of {@link #flatten flatten(groups)}) split into the groups' sizes.
     *
     * @throws IllegalStateException when the outcomes are not the batch's, task for task
     */
    public static List<List<RunOutcome>> split(List<List<RunTask>> groups, List<RunOutcome> outcomes) {
        List<RunTask> all = flatten(groups);
        if (outcomes.size() != all.size()) {
            throw new IllegalStateException("the engine returned " + outcomes.size() + " outcomes for "
                    + all.size() + " runs");
        }
        List<List<RunOutcome>> split = new ArrayList<>();
        int next = 0;
        for (List<RunTask> group : groups) {
            List<RunOutcome> own = new ArrayList<>();
            for (RunTask task : group) {
                RunOutcome outcome = outcomes.get(next++);
                if (!outcome.task().equals(task)) {
                    throw new IllegalStateException("the engine returned the outcome of " + outcome.task().label()
                            + " where " + task.label() + "'s was due");
                }
                own.add(outcome);
            }
            split.add(List.copyOf(own));
        }
        return List.copyOf(split);
    }

    /** The outcomes that failed. */
    public static List<RunOutcome> failed(List<RunOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.completed()).toList();
    }
}
