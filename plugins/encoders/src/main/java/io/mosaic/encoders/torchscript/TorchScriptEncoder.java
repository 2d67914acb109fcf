package io.mosaic.encoders.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SymbolBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.CacheableEncoder;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.OwnOptimizerGroup;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Tokens;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A TorchScript module from the user's file, called as {@code forward(x, attention_mask)} with x the token ids
 * [B, T] (int64) or the frames [B, T, D] (float32) and the mask [B, T] (int64, 1 before each sample's length, 0
 * after: BERT's), returning [B, T, D'] token features (a tuple's first element, as a HuggingFace export returns
 * {@code last_hidden_state} first). The lengths pass through.
 *
 * <p>Frozen, the module always runs in evaluation mode (no dropout) and its parameters neither require gradients nor
 * are the model's: nothing trains, counts or is saved of them (the file holds them). Fine-tuned, its parameters are
 * this module's, so they train, are counted and checkpointed, and follow the training flag; biases are typed
 * {@code BIAS} and 1-D weights (LayerNorm's γ) {@code GAMMA}, so that the optimizer group this encoder asks for
 * ({@link OwnOptimizerGroup}) exempts them from weight decay as BERT fine-tuning does.
 *
 * <p>The output width is read at build time by running the module once on a dummy batch of one: a width parameter
 * could disagree with the file, and the probe also refuses, while the assembly is validated, a module whose inputs or
 * output rank are not the ones above, or whose embedding is smaller than the data's vocabulary.
 */
final class TorchScriptEncoder extends Encoder implements OwnOptimizerGroup, CacheableEncoder {
    private final SymbolBlock module;
    private final ModuleInput input;
    private final boolean trainable;
    private final double learningRate;
    private final double weightDecay;
    private final FeatureShape output;
    /** The module file's content and what it is fed, when frozen: its outputs are then a function of them alone. */
    private final Optional<String> fingerprint;

    /**
     * @param shape        what the encoder is handed: T × V (the vocabulary) for token ids, T × D for frames
     * @param learningRate the fine-tuned parameters' learning rate (unused when frozen)
     * @param weightDecay  their weight decay, biases and LayerNorm's γ excepted (unused when frozen)
     */
    TorchScriptEncoder(Path file, ModuleInput input, FeatureShape shape, boolean trainable, double learningRate,
                       double weightDecay, BuildContext context) {
        if (!shape.isSequence()) {
            throw new IllegalArgumentException("torchscript-encoder reads a sequence, got pooled features " + shape);
        }
        this.module = ScriptFile.load(file, trainable, context.manager());
        this.input = input;
        this.trainable = trainable;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.output = FeatureShape.sequence(shape.steps(), probeWidth(file, shape, context.manager()));
        if (trainable) {
            for (Pair<String, Parameter> named : module.getParameters()) {
                NDArray array = named.getValue().getArray();
                addParameter(Parameter.builder().setName(named.getKey()).setType(typeOf(named.getKey(), array))
                        .optArray(array).build());
            }
        } else {
            module.freezeParameters(true);
        }
        this.fingerprint = trainable ? Optional.empty()
                : Optional.of(CacheableEncoder.sha256(file) + " input=" + input.name());
    }

    /** Present when frozen (the module runs in evaluation mode, so a sample's outputs do not depend on its batch). */
    @Override
    public Optional<String> contentFingerprint() {
        return fingerprint;
    }

    /** Biases by name, 1-D weights (normalisation scales: LayerNorm's γ) as γ, the rest as weights. */
    private static Parameter.Type typeOf(String name, NDArray array) {
        if (name.endsWith("bias")) {
            return Parameter.Type.BIAS;
        }
        return array.getShape().dimension() == 1 ? Parameter.Type.GAMMA : Parameter.Type.WEIGHT;
    }

    /** Runs the module on a dummy batch of one and returns its output width, refusing any other output shape. */
    private int probeWidth(Path file, FeatureShape shape, NDManager owner) {
        String given = input.describe(shape.steps(), shape.dim());
        try (NDManager probe = owner.newSubManager()) {
            NDArray x = input.dummy(probe, shape.steps(), shape.dim());
            NDArray mask = probe.ones(new Shape(1, shape.steps()), DataType.INT64);
            NDArray y;
            try {
                y = run(new ParameterStore(probe, false), x, mask, false);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("file " + file + ": the module failed on " + given
                        + " with an attention mask [B, " + shape.steps() + "] (int64): "
                        + ScriptFile.firstLine(e.getMessage()), e);
            }
            Shape got = y.getShape();
            if (got.dimension() != 3 || got.get(0) != 1 || got.get(1) != shape.steps()) {
                throw new IllegalArgumentException("file " + file + ": the module returned " + got + " for a batch of"
                        + " one of " + given + "; token features [B, " + shape.steps() + ", D] were expected (rank 3, "
                        + "the time axis kept)");
            }
            return Math.toIntExact(got.get(2));
        }
    }

    /**
     * The module's first output for {@code x} and {@code mask}, the rest of its outputs closed. A frozen module runs
     * in evaluation mode whatever {@code training} says (no dropout). The engine runs it in torch's inference mode,
     * whose tensors autograd cannot save; in a training pass the output is cloned into an ordinary tensor, so that
     * a layer with parameters right after the module (a projection) can take its gradient.
     */
    private NDArray run(ParameterStore parameters, NDArray x, NDArray mask, boolean training) {
        NDList outputs = module.forward(parameters, new NDList(x, mask), training && trainable);
        NDArray first = outputs.get(0);
        outputs.stream().skip(1).forEach(NDArray::close);
        if (!training || trainable) {
            return first;
        }
        NDArray ordinary = first.duplicate();
        first.close();
        return ordinary;
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features frames, Taps taps, boolean training) {
        if (input != ModuleInput.FRAMES) {
            throw new IllegalStateException("torchscript-encoder with input: token-ids is handed token ids, "
                    + "not features");
        }
        try (NDArray mask = frames.mask().toType(DataType.INT64, false)) {
            return Features.sequence(run(parameters, frames.values(), mask, training), frames.lengths());
        }
    }

    @Override
    public Features forwardTokens(ParameterStore parameters, Tokens tokens, Taps taps, boolean training) {
        if (input != ModuleInput.TOKEN_IDS) {
            throw new IllegalStateException("torchscript-encoder with input: frames is handed frames, not token ids");
        }
        try (NDArray mask = tokens.attentionMask()) {
            return Features.sequence(run(parameters, tokens.ids(), mask, training), tokens.lengths());
        }
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public double weightDecay() {
        return weightDecay;
    }
}
