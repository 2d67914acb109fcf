package io.mosaic.losses.maci;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.SpecialTokens;
import io.mosaic.api.debias.Debiaser;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.FitsTrainingSplit;
import io.mosaic.api.model.TrainingSplit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CIDer's counterfactual text: a batch whose text keeps only its special tokens and the bias words of a dictionary
 * fitted on the training split, every other token masked. The model's output on it is what the bias words alone
 * explain, and {@link #combine} subtracts it: y − τ·y_cf.
 *
 * <p>Precomputed token features have no [MASK] embedding, so a masked position's features become the mean text
 * feature over the training split's non-special tokens (buffer {@code mask}), a stand-in for what an encoder would
 * make of [MASK]; its token id becomes {@link SpecialTokens#MASK}.
 */
final class CounterfactualText extends Debiaser implements FitsTrainingSplit {
    private final int vocabulary;
    private final int classes;
    private final int width;
    private final int words;
    private final double minVariation;
    private final List<Double> strengths;
    private final Parameter dictionary;
    private final Parameter mask;

    /**
     * @param width        the width of the text features
     * @param words        how many bias words the dictionary keeps at most
     * @param minVariation the smallest coefficient of variation of a bias word's per-class counts
     */
    CounterfactualText(int vocabulary, int classes, int width, int words, double minVariation,
                       List<Double> strengths, BuildContext context) {
        this.vocabulary = vocabulary;
        this.classes = classes;
        this.width = width;
        this.words = words;
        this.minVariation = minVariation;
        this.strengths = List.copyOf(strengths);
        this.dictionary = buffer("dictionary", new Shape(vocabulary), context);
        this.mask = buffer("mask", new Shape(width), context);
    }

    /** Sets the bias-word dictionary and the mask feature from the training split. */
    @Override
    public void fit(TrainingSplit split) {
        BiasWords counts = new BiasWords(vocabulary, classes);
        FeatureMean meanFeature = new FeatureMean(width);
        split.forEachBatch(batch -> add(batch, counts, meanFeature));
        float[] chosen = new float[vocabulary];
        for (int token : counts.select(words, minVariation)) {
            chosen[token] = 1;
        }
        Buffers.assign(dictionary, chosen);
        Buffers.assign(mask, meanFeature.mean("the training split's non-special text features"));
    }

    /** Counts the batch's valid non-special tokens per class and adds their text features to the mean. */
    private void add(Batch batch, BiasWords counts, FeatureMean meanFeature) {
        NDArray tokenIds = tokenIds(batch);
        Features text = text(batch, tokenIds);
        long[] ids = tokenIds.toType(DataType.INT64, false).toLongArray();
        long[] lengths = lengths(text, tokenIds);
        long[] labels = batch.labels().toType(DataType.INT64, false).toLongArray();
        int steps = Math.toIntExact(tokenIds.getShape().get(1));
        float[] counted = new float[ids.length];
        long positions = 0;
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                long id = ids[b * steps + t];
                if (!SpecialTokens.isSpecial(id)) {
                    counts.add(id, labels[b]);
                    counted[b * steps + t] = 1;
                    positions++;
                }
            }
        }
        NDArray values = text.values();
        NDArray weights = values.getManager().create(counted, new Shape(lengths.length, steps, 1))
                .toType(values.getDataType(), false);
        meanFeature.add(values.mul(weights).sum(new int[] {0, 1}).toFloatArray(), positions);
    }

    /**
     * The batch with every valid token that is neither special nor a bias word replaced: id {@link SpecialTokens#MASK},
     * features the {@code mask} buffer. The new token ids and text features live in {@code manager}; the other arrays
     * (lengths, audio, vision, targets) are the batch's own.
     */
    @Override
    public Batch counterfactual(ParameterStore parameters, Batch batch, NDManager manager) {
        NDArray tokenIds = tokenIds(batch);
        Features text = text(batch, tokenIds);
        Device device = tokenIds.getDevice();
        long[] ids = tokenIds.toType(DataType.INT64, false).toLongArray();
        long[] lengths = lengths(text, tokenIds);
        float[] biasWords = parameters.getValue(dictionary, device, false).toFloatArray();
        int steps = Math.toIntExact(tokenIds.getShape().get(1));
        long[] counterfactualIds = ids.clone();
        boolean[] replaced = new boolean[ids.length];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                int at = b * steps + t;
                if (!SpecialTokens.isSpecial(ids[at]) && biasWords[checked(ids[at])] == 0) {
                    counterfactualIds[at] = SpecialTokens.MASK;
                    replaced[at] = true;
                }
            }
        }
        Shape frames = text.values().getShape();
        NDArray positions = manager.create(replaced, new Shape(lengths.length, steps, 1)).toDevice(device, false);
        NDArray maskFeatures = Buffers.copyInto(parameters.getValue(mask, device, false), manager)
                .reshape(1, 1, width).broadcast(frames);
        NDArray counterfactualText = NDArrays.where(positions.broadcast(frames), maskFeatures, text.values());

        Map<Modality, Features> inputs = new EnumMap<>(batch.inputs());
        inputs.put(Modality.TEXT, text.withValues(counterfactualText));
        NDArray newIds = manager.create(counterfactualIds, tokenIds.getShape()).toDevice(device, false);
        return new Batch(batch.ids(), inputs, Optional.of(newIds), batch.scores(), batch.labels(), batch.domains());
    }

    @Override
    public List<Double> strengths() {
        return strengths;
    }

    /** y − τ·y_cf. */
    @Override
    public NDArray combine(NDArray factual, NDArray counterfactual, double strength) {
        if (!factual.getShape().equals(counterfactual.getShape())) {
            throw new IllegalArgumentException("counterfactual-text subtracts outputs of one shape, found factual "
                    + factual.getShape() + " and counterfactual " + counterfactual.getShape());
        }
        return factual.sub(counterfactual.mul(strength));
    }

    private static NDArray tokenIds(Batch batch) {
        return batch.tokenIds().orElseThrow(() -> new IllegalArgumentException(
                "counterfactual-text needs the batch's token ids, found a batch without them"));
    }

    private Features text(Batch batch, NDArray tokenIds) {
        Features text = batch.input(Modality.TEXT);
        Shape shape = text.values().getShape();
        Shape expected = new Shape(tokenIds.getShape().get(0), tokenIds.getShape().get(1), width);
        if (!text.isSequence() || !shape.equals(expected)) {
            throw new IllegalArgumentException("counterfactual-text needs text frames aligned with the token ids "
                    + expected + ", found " + shape);
        }
        return text;
    }

    /** The text's true lengths, each at most the padded length of the token ids. */
    private static long[] lengths(Features text, NDArray tokenIds) {
        long[] lengths = text.lengths().toType(DataType.INT64, false).toLongArray();
        long steps = tokenIds.getShape().get(1);
        for (long length : lengths) {
            if (length < 0 || length > steps) {
                throw new IllegalArgumentException("a text length is in [0, " + steps + "], found " + length);
            }
        }
        return lengths;
    }

    private int checked(long id) {
        if (id < 0 || id >= vocabulary) {
            throw new IllegalArgumentException("a token id is in [0, " + vocabulary + "), found " + id);
        }
        return (int) id;
    }
}
