package io.mosaic.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunBatchTest {
    private static final RunTask A1 = task("a seed 1");
    private static final RunTask A2 = task("a seed 2");
    private static final RunTask B1 = task("b seed 1");
    private static final RunTask B2 = task("b seed 2");
    private static final List<List<RunTask>> GROUPS = List.of(List.of(A1, A2), List.of(B1, B2));

    @Test
    void theBatchIsEveryGroupsTasksInOrder() {
        assertThat(RunBatch.flatten(GROUPS)).containsExactly(A1, A2, B1, B2);
    }

    @Test
    void outcomesAreSplitBackIntoTheirGroups() {
        RunOutcome failed = RunOutcome.failed(B1, "exploded");
        List<List<RunOutcome>> split = RunBatch.split(GROUPS, List.of(RunOutcome.completed(A1),
                RunOutcome.completed(A2), failed, RunOutcome.completed(B2)));

        assertThat(split).containsExactly(List.of(RunOutcome.completed(A1), RunOutcome.completed(A2)),
                List.of(failed, RunOutcome.completed(B2)));
        assertThat(RunBatch.failed(split.get(0))).isEmpty();
        assertThat(RunBatch.failed(split.get(1))).containsExactly(failed);
    }

    @Test
    void outcomesThatAreNotTheBatchsTaskForTaskAreRefused() {
        assertThatThrownBy(() -> RunBatch.split(GROUPS, List.of(RunOutcome.completed(A1))))
                .isInstanceOf(IllegalStateException.class).hasMessage("the engine returned 1 outcomes for 4 runs");
        assertThatThrownBy(() -> RunBatch.split(GROUPS, List.of(RunOutcome.completed(A1), RunOutcome.completed(B1),
                RunOutcome.completed(A2), RunOutcome.completed(B2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the engine returned the outcome of b seed 1 where a seed 2's was due");
    }

    @Test
    void aFailureNamesEveryFailedRunWithItsError() {
        RunsFailedException e = new RunsFailedException("comparison runs/compare-1",
                List.of(RunOutcome.failed(A1, "NaN loss"), RunOutcome.failed(B2, "out of memory")));

        assertThat(e).hasMessage("comparison runs/compare-1: 2 runs failed: a seed 1 (NaN loss); b seed 2 (out of "
                + "memory)");
        assertThat(new RunsFailedException("x", List.of(RunOutcome.failed(A1, "e")))).hasMessage("x: 1 run failed: "
                + "a seed 1 (e)");
        assertThatThrownBy(() -> new RunsFailedException("x", List.of(RunOutcome.completed(A1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunsFailedException("x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RunTask task(String label) {
        return new RunTask(label, Path.of("/runs/group").resolve(label.replace(' ', '-')), "name: x\n");
    }
}
