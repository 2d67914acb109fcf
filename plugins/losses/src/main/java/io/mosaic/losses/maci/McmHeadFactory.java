package io.mosaic.losses.maci;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.HeadFactory;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** {@code mcm}: CIDer's Multimodal Causal Module, a backdoor-adjusted classifier over a pooled vector. */
@Component(service = HeadFactory.class)
@MosaicComponent(kind = ComponentKind.HEAD, name = "mcm")
public final class McmHeadFactory implements HeadFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("hidden", 32, 1, null, "The width h of each modality's confounder embedding MLP.")
            .strings("modalities", List.of("text", "audio", "vision"),
                    "The modalities whose class-mean features form the confounder dictionary; those the data "
                            + "lacks are skipped.", "text", "audio", "vision")
            .build();

    @Override
    public String description() {
        return "Backdoor adjustment: a prior-weighted mixture of class-specific classifiers, each given an embedded "
                + "class-mean confounder fitted on the training split; outputs log-probabilities.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Head create(Parameters parameters, FeatureShape input, int outputs, BuildContext context) {
        if (input.isSequence()) {
            throw new IllegalArgumentException("mcm needs a pooled vector input, found a sequence " + input
                    + "; end the chain before the head with a pooling encoder (masked-mean-pool or last-step-pool)");
        }
        DataSpec data = data(context);
        if (data.task().isRegression()) {
            throw new IllegalArgumentException("mcm needs class labels: a classification task (classes-2, classes-3, "
                    + "classes-5 or classes-7), found regression");
        }
        if (outputs != data.task().classes()) {
            throw new IllegalArgumentException("mcm outputs one log-probability per class: " + data.task().classes()
                    + " for " + data.task() + ", found " + outputs + " outputs");
        }
        return new McmHead(input.dim(), widths(parameters.strings("modalities"), data), data.task().classes(),
                parameters.integer("hidden"), context);
    }

    private static DataSpec data(BuildContext context) {
        try {
            return context.data();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("mcm builds its confounder dictionary from the data's modalities and "
                    + "classes, but the build context carries no data spec", e);
        }
    }

    /** The width of each chosen modality the data has, in modality order. */
    private static Map<Modality, Integer> widths(List<String> names, DataSpec data) {
        Set<Modality> chosen = EnumSet.noneOf(Modality.class);
        names.forEach(name -> chosen.add(Modality.valueOf(name.toUpperCase(Locale.ROOT))));
        Map<Modality, Integer> widths = new LinkedHashMap<>();
        for (Modality modality : chosen) {
            if (data.inputs().containsKey(modality)) {
                widths.put(modality, data.input(modality).dim());
            }
        }
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("mcm needs at least one of the modalities " + names
                    + " in the data, found " + ids(data));
        }
        return widths;
    }

    private static List<String> ids(DataSpec data) {
        return data.inputs().keySet().stream().sorted().map(Modality::id).toList();
    }
}
