package io.mosaic.api.debias;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Module;
import java.util.List;

/**
 * Removes a bias from a model's outputs at evaluation: the model also runs on each batch's counterfactual, and
 * {@link #combine} subtracts what the counterfactual explains. The runtime picks the strength among
 * {@link #strengths()} on the validation split, never on test. A debiaser is a module: its parameters and buffers
 * are saved with the model, and it may fit state from the training split ({@code FitsTrainingSplit}).
 */
public abstract class Debiaser extends Module {

    /** The counterfactual of {@code batch}, with new arrays in {@code manager}; the batch itself is not changed. */
    public abstract Batch counterfactual(ParameterStore parameters, Batch batch, NDManager manager);

    /** The strengths to try on the validation split, in order; the first that scores best is kept. */
    public abstract List<Double> strengths();

    /** The debiased outputs [B, K] from the outputs on the batch and on its counterfactual, at {@code strength}. */
    public abstract NDArray combine(NDArray factual, NDArray counterfactual, double strength);
}
