package io.mosaic.losses.maci;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.FitsTrainingSplit;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.TrainingSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CIDer's Multimodal Causal Module: the backdoor adjustment P(y | do(r)) = Σ_c P(c) · softmax(f_c([r; e_c])), where
 * e_c = [MLP_m(z_c^m)]_m embeds the class-c entry of a confounder dictionary and f_c is class c's own linear
 * classifier. It outputs log-probabilities [B, K], so cross-entropy on them is the mixture's negative log-likelihood.
 *
 * <p>Training passes use the dictionary z_c and the prior P(c) fitted on the training split. Evaluation passes give
 * every classifier the class-balanced mean z̄ of the dictionary and a uniform prior, which uses no label of the split
 * being evaluated. A class absent from the training split has no dictionary entry: its prior is 0, so it drops out of
 * the sum in training (its term is exp(−∞) = 0) and out of z̄ and of the uniform prior at evaluation.
 */
final class McmHead extends Head implements FitsTrainingSplit {
    private final List<Modality> modalities;
    private final int[] widths;
    private final int classes;
    private final List<Block> embeddings = new ArrayList<>();
    private final List<Block> classifiers = new ArrayList<>();
    private final Parameter confounders;
    private final Parameter prior;

    /**
     * @param representation the width D_r of the pooled input r
     * @param inputs         the width d_m of each modality in the dictionary, in modality order
     */
    McmHead(int representation, Map<Modality, Integer> inputs, int classes, int hidden, BuildContext context) {
        this.modalities = List.copyOf(inputs.keySet());
        this.widths = inputs.values().stream().mapToInt(Integer::intValue).toArray();
        this.classes = classes;
        for (int m = 0; m < widths.length; m++) {
            embeddings.add(child("embedding-" + modalities.get(m).id(), embedding(hidden), context,
                    new Shape(1, widths[m])));
        }
        int joint = representation + hidden * widths.length;
        for (int c = 0; c < classes; c++) {
            classifiers.add(child("classifier-" + c, Linear.builder().setUnits(classes).build(), context,
                    new Shape(1, joint)));
        }
        this.confounders = buffer("confounders", new Shape(classes, Arrays.stream(widths).sum()), context);
        this.prior = buffer("prior", new Shape(classes), context);
    }

    /** Linear(d_m → h), ReLU, Linear(h → h), ReLU, Linear(h → h), shared by every class. */
    private static Block embedding(int hidden) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(hidden).build());
    }

    @Override
    public NDArray forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray representation = input.values();
        NDManager manager = representation.getManager();
        NDArray dictionary = Buffers.copyInto(
                parameters.getValue(confounders, representation.getDevice(), training), manager);
        NDArray frequencies = Buffers.copyInto(
                parameters.getValue(prior, representation.getDevice(), training), manager);
        if (frequencies.sum().getFloat() <= 0) {
            throw new IllegalStateException("mcm's prior is zero: fit the head on the training split (or load a "
                    + "checkpoint that has its buffers) before a forward pass");
        }
        if (training) {
            return mixture(parameters, representation, dictionary, frequencies.log(), training);
        }
        NDArray present = frequencies.gt(0).toType(dictionary.getDataType(), false);
        NDArray balanced = present.div(present.sum());
        NDArray mean = balanced.expandDims(0).matMul(dictionary);
        return mixture(parameters, representation, mean.repeat(0, classes), balanced.log(), training);
    }

    /**
     * log Σ_c P(c) · softmax(f_c([r; e_c])), computed as logsumexp_c(log P(c) + log_softmax(f_c([r; e_c]))) with the
     * maximum over c subtracted first.
     *
     * @param dictionary the confounder each class's classifier sees [K, Σ d_m]
     * @param logPrior   log P(c) [K], −∞ for a class outside the dictionary
     */
    private NDArray mixture(ParameterStore parameters, NDArray representation, NDArray dictionary,
                            NDArray logPrior, boolean training) {
        NDArray embedded = embed(parameters, dictionary, training);
        Shape perSample = new Shape(representation.getShape().get(0), embedded.getShape().get(1));
        NDList terms = new NDList(classes);
        for (int c = 0; c < classes; c++) {
            NDArray joint = representation.concat(embedded.get(c).expandDims(0).broadcast(perSample), 1);
            NDArray logits = classifiers.get(c).forward(parameters, new NDList(joint), training).singletonOrThrow();
            terms.add(logits.logSoftmax(1));
        }
        NDArray weighted = NDArrays.stack(terms).add(logPrior.reshape(classes, 1, 1));
        NDArray top = weighted.max(new int[] {0}, true).stopGradient();
        return weighted.sub(top).exp().sum(new int[] {0}).log().add(top.squeeze(0));
    }

    /** e_c = [MLP_m(z_c^m)]_m for every row of {@code dictionary}: [K, n·h]. */
    private NDArray embed(ParameterStore parameters, NDArray dictionary, boolean training) {
        NDList parts = new NDList(widths.length);
        int offset = 0;
        for (int m = 0; m < widths.length; m++) {
            NDArray block = dictionary.get(new NDIndex(":, {}:{}", offset, offset + widths[m]));
            parts.add(embeddings.get(m).forward(parameters, new NDList(block), training).singletonOrThrow());
            offset += widths[m];
        }
        return Concatenation.of(parts, 1);
    }

    /** Sets the dictionary to the training split's class means and the prior to its class frequencies. */
    @Override
    public void fit(TrainingSplit split) {
        ConfounderStatistics statistics = new ConfounderStatistics(classes, widths);
        split.forEachBatch(batch -> add(batch, statistics));
        Buffers.assign(confounders, statistics.dictionary());
        Buffers.assign(prior, statistics.prior());
    }

    private void add(Batch batch, ConfounderStatistics statistics) {
        long[] labels = batch.labels().toType(DataType.INT64, false).toLongArray();
        for (long label : labels) {
            statistics.countLabel(label);
        }
        for (int m = 0; m < widths.length; m++) {
            Features features = batch.input(modalities.get(m));
            Shape shape = features.values().getShape();
            if (!features.isSequence() || shape.get(2) != widths[m]) {
                throw new IllegalArgumentException("mcm was built for " + modalities.get(m).id() + " frames [B, T, "
                        + widths[m] + "], found " + shape);
            }
            long[] lengths = features.lengths().toType(DataType.INT64, false).toLongArray();
            for (long length : lengths) {
                if (length > shape.get(1)) {
                    throw new IllegalArgumentException("a " + modalities.get(m).id() + " length is at most the "
                            + shape.get(1) + " padded steps, found " + length);
                }
            }
            NDArray valid = features.mask().expandDims(2).toType(features.values().getDataType(), false);
            float[] sums = features.values().mul(valid).sum(new int[] {1}).toFloatArray();
            for (int b = 0; b < labels.length; b++) {
                statistics.addSample(labels[b], m, sums, b * widths[m], lengths[b]);
            }
        }
    }
}
