package io.mosaic.losses.adversarial;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.support.CodeTaps;
import io.mosaic.losses.support.GradientReversal;
import io.mosaic.losses.support.TimeMean;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SATI's modality discriminator and its domain loss (eq. 3–5). For each kind of codes c (by default the shared
 * codes I and the private codes S) and each modality m, with label y_m = m's position in the modality list (by
 * default text 0, audio 1, vision 2):
 * h = the time-mean of {@code <m>.<c>} over valid steps [B, H];
 * f = Dropout(ReLU(Linear(GRL_λ(h)))) [B, hidden], the gradient reversal making the encoders maximise what the
 * discriminator minimises;
 * cos θ_j = (f/‖f‖)·(W_j/‖W_j‖) for the rows W_j of W [M, hidden] (no bias), clamped to [−1, 1];
 * ℓ = −log softmax_y(α·[target(cos θ_y) on y, cos θ_j elsewhere]) with the target of {@link MarginType};
 * plus, optionally, the official code's penalty λ_W‖W‖²_F on every term.
 * L = Σ_c (mean of ℓ over the modalities and the batch + λ_W‖W‖²_F). The hidden layer and W are not under the
 * reversal: they minimise L. Its dropout is on: an objective is evaluated only in training steps.
 */
final class ModalityDiscriminator extends ObjectiveModule {
    static final String NAME = "modality-discriminator";
    private static final float NORM_FLOOR = 1e-12f;

    private final List<Modality> modalities;
    private final List<String> codes;
    private final int width;
    private final Settings settings;
    private final Block hidden;
    private final Parameter classifier;

    /**
     * The loss's constants.
     *
     * @param lambda  λ of the gradient reversal
     * @param dropout the dropout rate after the hidden layer
     * @param margin  τ (angular) or m (cosine)
     * @param scale   α
     * @param penalty λ_W, the weight of ‖W‖²_F per kind of codes (0: none)
     */
    record Settings(double lambda, float dropout, MarginType type, double margin, double scale, double penalty) {
    }

    /**
     * @param codes  the suffixes of the code taps, {@code <m>.<code>}, each of width {@code width}
     * @param hidden the width of the discriminator's hidden layer
     */
    ModalityDiscriminator(List<Modality> modalities, List<String> codes, int width, int hidden, Settings settings,
                          BuildContext context) {
        this.modalities = List.copyOf(modalities);
        this.codes = List.copyOf(codes);
        this.width = width;
        this.settings = settings;
        this.hidden = child("hidden", Linear.builder().setUnits(hidden).build(), context, new Shape(1, width));
        this.classifier = parameter("classifier", new Shape(modalities.size(), hidden), new XavierInitializer(),
                context);
    }

    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>();
        for (String code : codes) {
            modalities.forEach(modality -> taps.add(CodeTaps.name(modality, code)));
        }
        return Collections.unmodifiableSet(taps);
    }

    @Override
    public NDArray loss(Views views) {
        ParameterStore store = views.parameters();
        Taps taps = views.cleanTaps();
        NDArray total = null;
        for (String code : codes) {
            NDArray loss = loss(store, taps, code);
            total = total == null ? loss : total.add(loss);
        }
        return total;
    }

    /** The mean margin loss of one kind of codes over the modalities and the batch, plus the W penalty. */
    private NDArray loss(ParameterStore store, Taps taps, String code) {
        NDList means = new NDList(modalities.size());
        for (Modality modality : modalities) {
            String tap = CodeTaps.name(modality, code);
            NDArray mean = TimeMean.of(CodeTaps.read(taps, tap, NAME, width));
            if (!means.isEmpty() && !mean.getShape().equals(means.get(0).getShape())) {
                throw new IllegalArgumentException(NAME + " reads taps '" + CodeTaps.name(modalities.get(0), code)
                        + "' and '" + tap + "' as codes of one batch, found time-means of shapes "
                        + means.get(0).getShape() + " and " + mean.getShape());
            }
            means.add(mean);
        }
        NDArray inputs = Concatenation.of(means, 0);
        Device device = inputs.getDevice();
        NDArray features = hidden.forward(store,
                new NDList(GradientReversal.apply(inputs, settings.lambda())), true).singletonOrThrow();
        features = Dropout.dropout(Activation.relu(features), settings.dropout(), true).singletonOrThrow();
        NDArray weight = store.getValue(classifier, device, true);
        NDArray labels = labels(inputs.getManager(), inputs.getShape().get(0) / modalities.size())
                .toType(inputs.getDataType(), false);
        NDArray loss = marginLoss(features, weight, labels, settings).mean();
        if (settings.penalty() > 0) {
            loss = loss.add(Scalars.times(weight.square().sum(), settings.penalty()));
        }
        return loss;
    }

    /** One-hot labels [M·B, M] of the concatenated time-means: the first B rows are modality 0's, and so on. */
    private NDArray labels(NDManager manager, long batch) {
        int classes = modalities.size();
        return manager.arange(classes).repeat(batch).oneHot(classes);
    }

    /**
     * The margin loss ℓ per row of {@code features} [N, hidden] against the class weights {@code weight} [M, hidden]
     * and one-hot {@code labels} [N, M] (eq. 4): [N].
     */
    static NDArray marginLoss(NDArray features, NDArray weight, NDArray labels, Settings settings) {
        NDArray cosine = unit(features).matMul(unit(weight).transpose())
                .maximum(Scalars.constant(features, -1)).minimum(Scalars.constant(features, 1));
        NDArray target = settings.type().target(cosine, settings.margin());
        NDArray logits = Scalars.times(cosine.add(labels.mul(target.sub(cosine))), settings.scale());
        return labels.mul(logits.logSoftmax(1)).sum(new int[] {1}).neg();
    }

    /** The rows of {@code x} divided by their L2 norms (floored, so a zero row stays zero rather than NaN). */
    private static NDArray unit(NDArray x) {
        return x.div(Scalars.atLeast(x.norm(new int[] {1}, true), NORM_FLOOR));
    }
}
