package io.mosaic.api.model;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;
import java.util.List;
import java.util.Set;

/**
 * A whole model: the slots an assembly fills, the taps the model exposes, and how it wires the slots' components.
 * Register implementations with {@code @MosaicComponent(kind = PIPELINE, ...)}.
 */
public interface PipelineFactory extends ComponentFactory {

    /**
     * The tap every network records: the task's outputs [B, outputs] (class logits, or the score in column 0 for
     * regression). Metrics are computed from it.
     */
    String PREDICTION_TAP = "prediction";

    List<Slot> slots();

    /**
     * The taps the network records, without those its components record under their slot's name (the runtime adds
     * {@code slot + "." + tap} for each tap a slot's component declares).
     */
    Set<String> taps();

    Network create(Parameters parameters, PipelineContext context);

    /**
     * The training schedule this pipeline proposes for {@code parameters}, used when an assembly lists no
     * {@code train.stages}: each stage runs the assembly's {@code train.epochs}, freezes its slots and trains the
     * objectives whose taps it reads. Empty (the default): one stage that trains everything with every objective.
     */
    default List<StagePlan> stages(Parameters parameters) {
        return List.of();
    }
}
