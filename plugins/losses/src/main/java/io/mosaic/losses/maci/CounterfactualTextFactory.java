package io.mosaic.losses.maci;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.debias.Debiaser;
import io.mosaic.api.debias.DebiaserFactory;
import io.mosaic.api.model.BuildContext;
import java.util.List;
import java.util.stream.IntStream;
import org.osgi.service.component.annotations.Component;

/** {@code counterfactual-text}: CIDer's counterfactual subtraction of what the text's bias words alone explain. */
@Component(service = DebiaserFactory.class)
@MosaicComponent(kind = ComponentKind.DEBIASER, name = "counterfactual-text")
public final class CounterfactualTextFactory implements DebiaserFactory {
    /** 0.0, 0.1, …, 3.0: CIDer's sweep of τ. */
    private static final List<Double> STRENGTHS = IntStream.rangeClosed(0, 30).mapToObj(i -> i / 10.0).toList();
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("words", 100, 1, null, "How many bias words the dictionary keeps at most, the most frequent "
                    + "first.")
            .real("min-variation", 0.1, 0.0, null, "The smallest coefficient of variation (σ/μ) of a bias word's "
                    + "per-class counts in the training split.")
            .reals("strengths", STRENGTHS, 0.0, null, "The strengths τ of y − τ·y_cf to try on the validation "
                    + "split, in order.")
            .build();

    @Override
    public String description() {
        return "Subtracts the model's output on text that keeps only special tokens and class-skewed frequent "
                + "words (fitted on the training split): y − τ·y_cf.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Debiaser create(Parameters parameters, DataSpec data, BuildContext context) {
        if (data.vocabulary() <= 0) {
            throw new IllegalArgumentException("counterfactual-text masks token ids, but the data carries none "
                    + "(vocabulary 0); use a dataset with text token ids");
        }
        if (data.task().isRegression()) {
            throw new IllegalArgumentException("counterfactual-text picks bias words by their per-class counts: it "
                    + "needs a classification task (classes-2, classes-3, classes-5 or classes-7), found regression");
        }
        if (!data.inputs().containsKey(Modality.TEXT)) {
            throw new IllegalArgumentException("counterfactual-text needs the text modality, found "
                    + data.inputs().keySet().stream().map(Modality::id).sorted().toList());
        }
        List<Double> strengths = parameters.reals("strengths");
        if (strengths.isEmpty()) {
            throw new IllegalArgumentException("counterfactual-text needs at least one strength to try, found none");
        }
        return new CounterfactualText(data.vocabulary(), data.task().classes(), data.input(Modality.TEXT).dim(),
                parameters.integer("words"), parameters.real("min-variation"), strengths, context);
    }
}
