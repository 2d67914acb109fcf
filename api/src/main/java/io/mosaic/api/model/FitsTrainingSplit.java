package io.mosaic.api.model;

/**
 * A module with state computed from the training split, such as class-mean features, label priors or a word
 * dictionary. The runtime calls {@link #fit} once before the first training step, with the training split only:
 * validation and test data never reach it. The state belongs in {@linkplain Module#buffer buffers}, so that
 * checkpoints carry it.
 */
public interface FitsTrainingSplit {

    void fit(TrainingSplit split);
}
