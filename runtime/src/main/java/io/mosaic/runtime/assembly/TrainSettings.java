package io.mosaic.runtime.assembly;

import io.mosaic.api.component.Parameters;
import java.util.List;

/**
 * How an assembly trains.
 *
 * @param batch           training batch size
 * @param evalBatch       the most samples evaluated at once (the batches of {@code evalWorkers} together)
 * @param evalMemory      MiB the arrays of the evaluation batches running at once may take, which may make its
 *                        batches smaller than {@code evalBatch}; 0 lets {@code evalBatch} alone decide
 * @param evalWorkers     evaluation batches run at once, each on its own thread
 * @param patience        epochs without improvement of the selection metric before a stage stops; 0 never stops
 * @param update          how a batch's objectives become optimizer steps
 * @param optimizer       the optimizer's settings
 * @param groups          the optimizer's parameter groups; every parameter they do not name is in the default group
 * @param selectionMetric the metric that selects the checkpoint, always on the validation split
 * @param testDeferred    whether the run leaves the test split (and domain test splits, sweeps) unread, for a later
 *                        evaluation of its selected checkpoint ({@code train.select.test: deferred})
 * @param medianCurve     the median stopping rule's threshold at each epoch (index 0 is epoch 1); empty stops nothing
 * @param medianFrom      the first epoch the median stopping rule may stop after
 */
public record TrainSettings(int batch, int evalBatch, int evalMemory, int evalWorkers, int patience, Update update,
                            Parameters optimizer, List<OptimizerGroup> groups, String selectionMetric, List<Stage> stages,
                            boolean testDeferred, List<Double> medianCurve, int medianFrom) {

    public TrainSettings {
        groups = List.copyOf(groups);
        stages = List.copyOf(stages);
        medianCurve = List.copyOf(medianCurve);
    }

    /** How many batches' gradients are summed into one optimizer step. */
    public int accumulate() {
        return optimizer.integer("accumulate");
    }

    public int totalEpochs() {
        return stages.stream().mapToInt(Stage::epochs).sum();
    }
}
