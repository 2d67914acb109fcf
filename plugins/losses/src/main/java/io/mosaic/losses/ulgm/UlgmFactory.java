package io.mosaic.losses.ulgm;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.ModalityList;
import java.util.Collections;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ulgm}: Self-MM's unimodal label generation (mmsa.md §3.4) and the tanh-weighted unimodal L1 against the
 * generated labels. The multimodal L1 is a separate {@code l1} objective.
 */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = Ulgm.NAME)
public final class UlgmFactory implements ObjectiveFactory {
    /** Where a tap template puts the modality's id. */
    static final String MODALITY = "{m}";
    static final String FEATURES = "features";
    static final String PREDICTIONS = "predictions";
    static final String FUSION_FEATURES = "fusion-features";
    static final String WEIGHTS = "weights";
    static final String CLAMP = "clamp";
    static final String DISTANCE = "distance";
    static final String EXCLUDE_ZERO = "exclude-zero";
    private static final ParameterSchema SCHEMA = ModalityList.declare(ParameterSchema.builder(),
                    "The unimodal modalities s whose labels are generated.")
            .string(FEATURES, "features.{m}", "The tap of a modality's features F_s [B, d_s]; {m} stands for the "
                    + "modality.")
            .string(PREDICTIONS, "prediction.{m}", "The tap of a modality's predicted score [B, 1] or [B]; {m} "
                    + "stands for the modality.")
            .string(FUSION_FEATURES, "features.fusion", "The tap of the fusion's features F_f [B, d_f].")
            .reals(WEIGHTS, List.of(), 0.0, null, "v_s: each modality's weight in the loss, in the order of "
                    + "'modalities'; empty: 1 for every modality.")
            .real(CLAMP, 3.0, 1e-6, null, "H: generated labels are clamped to [-H, H] (3 for MOSI and MOSEI, "
                    + "1 for SIMS).")
            .choice(DISTANCE, Distance.L2.id(), List.of(Distance.L2.id(), Distance.SCALED.id()), "The distance to "
                    + "a class centre: l2, the Euclidean norm of MMSA's code; scaled, the paper's ||F - C||^2 / "
                    + "sqrt(d).")
            .bool(EXCLUDE_ZERO, true, "Leave samples labelled 0 out of the positive class centre (MMSA's "
                    + "excludeZero).")
            .build();

    @Override
    public String description() {
        return "Self-MM's unimodal label generation (a label and a feature memory per modality over the training "
                + "split, updated after every training step from epoch 2) and the tanh(|y_s - y_f|)-weighted L1 "
                + "between each modality's prediction and its generated label.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        List<String> modalities = ModalityList.of(parameters, data, 1).stream().map(Modality::id).toList();
        List<Double> weights = parameters.reals(WEIGHTS).isEmpty()
                ? Collections.nCopies(modalities.size(), 1.0) : parameters.reals(WEIGHTS);
        if (weights.size() != modalities.size()) {
            throw new ParameterException(WEIGHTS, "has " + weights.size() + " weights for the " + modalities.size()
                    + " modalities " + modalities + ", expected one per modality (or none: 1 each)");
        }
        Ulgm.UlgmTaps taps = new Ulgm.UlgmTaps(parameters.string(FUSION_FEATURES),
                perModality(parameters, FEATURES, modalities), perModality(parameters, PREDICTIONS, modalities));
        Generation generation = new Generation(parameters.real(CLAMP),
                Distance.of(parameters.string(DISTANCE)), parameters.bool(EXCLUDE_ZERO));
        return new Ulgm(modalities, taps, weights, generation);
    }

    /** The taps of template {@code parameter}, one per modality. */
    private static List<String> perModality(Parameters parameters, String parameter, List<String> modalities) {
        String template = parameters.string(parameter);
        if (!template.contains(MODALITY)) {
            throw new ParameterException(parameter, "is '" + template + "', expected a tap name with " + MODALITY
                    + " where the modality goes, such as '" + SCHEMA.find(parameter).orElseThrow().defaultValue()
                    + "'");
        }
        return modalities.stream().map(m -> template.replace(MODALITY, m)).toList();
    }
}
