package io.mosaic.losses.coral;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.TapTemplate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/**
 * {@code coral}: CORAL-ULGM's deep modal shared information learning module (seed eq. 12–14), CORAL terms between
 * pairs of modalities written in the seed's Table II syntax. With {@code widths} it owns trained projections to
 * {@code dim}, so it is created with the model's build context.
 */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = CoralTerms.NAME)
public final class CoralFactory implements ObjectiveFactory {
    static final String PAIRS = "pairs";
    static final String ON = "on";
    static final String DIM = "dim";
    static final String WIDTHS = "widths";
    static final String REPULSION = "repulsion";
    static final String MARGIN = "margin";
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .string(PAIRS, "V-A", "The pairs in the seed's Table II syntax: 'A-B' aligns modalities A and B "
                    + "(+CORAL), 'A+B' learns their private information (a bounded repulsion); letters T, A, V; "
                    + "pairs separated by '/', e.g. \"T-V/V+A\" (the seed's main model: \"V-A\").")
            .string(ON, "features.{m}", "The taps of the features compared, {m} standing for the modality "
                    + "([B, D], or [B, T, D] with lengths, averaged over valid steps).")
            .integer(DIM, 0, 0, null, "d, the width the features are compared at; 0: the taps' own common width. "
                    + "Required with 'widths'.")
            .integers(WIDTHS, List.of(), 1, null, "The taps' widths D_m, one per modality the pairs name or one "
                    + "per modality of the data, in the order text, audio, vision; when given, each modality is projected to d by a trained linear "
                    + "map (no bias) owned by the objective.")
            .choice(REPULSION, Repulsion.EXP.id(), Arrays.stream(Repulsion.values()).map(Repulsion::id).toList(),
                    "The term of an 'A+B' pair, in [0, 1]: exp is exp(−CORAL); hinge is max(0, m − CORAL)/m.")
            .real(MARGIN, 1.0, 1e-6, null, "m, where the hinge repulsion reaches 0.")
            .build();

    @Override
    public String description() {
        return "CORAL between modalities' features (unbiased covariances, ‖C_A − C_B‖²_F/4d²): 'A-B' pairs align, "
                + "'A+B' pairs repel with a bounded term; optionally through trained projections to d.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data, BuildContext context) {
        List<CoralPair> pairs = pairs(parameters.string(PAIRS), data);
        CoralTerms terms = new CoralTerms(pairs, TapTemplate.require(ON, parameters.string(ON)),
                Repulsion.of(parameters.string(REPULSION)), parameters.real(MARGIN));
        List<Integer> widths = parameters.integers(WIDTHS);
        int dim = parameters.integer(DIM);
        if (widths.isEmpty()) {
            return new CoralObjective(terms, dim);
        }
        if (dim == 0) {
            throw new ParameterException(DIM, "is 0, expected the width d (at least 1) that 'widths' project to");
        }
        return new ProjectedCoral(terms, namedWidths(widths, terms.modalities(), data), dim, context);
    }

    /**
     * The widths of the modalities the pairs name, given either for exactly those or for every modality of the data
     * (so that one {@code widths} serves every pair string of a {@code --vary} grid).
     */
    private static List<Integer> namedWidths(List<Integer> widths, List<Modality> named, DataSpec data) {
        if (widths.size() == named.size()) {
            return widths;
        }
        List<Modality> all = data.inputs().keySet().stream().sorted().toList();
        if (widths.size() != all.size()) {
            throw new ParameterException(WIDTHS, "gives " + widths.size() + " widths, expected " + named.size()
                    + " (one per modality the pairs name, in the order " + ids(named) + ") or " + all.size()
                    + " (one per modality of the data, in the order " + ids(all) + ")");
        }
        return named.stream().map(modality -> widths.get(all.indexOf(modality))).toList();
    }

    /** @throws ParameterException when the pairs are malformed or name a modality the data lacks */
    private static List<CoralPair> pairs(String text, DataSpec data) {
        List<CoralPair> pairs;
        try {
            pairs = PairSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(PAIRS, e.getMessage());
        }
        for (CoralPair pair : pairs) {
            for (Modality modality : List.of(pair.first(), pair.second())) {
                if (!data.inputs().containsKey(modality)) {
                    throw new ParameterException(PAIRS, "pair '" + pair + "' names " + modality.id()
                            + ", but the data has only " + ids(data.inputs().keySet().stream().sorted().toList()));
                }
            }
        }
        return pairs;
    }

    private static String ids(List<Modality> modalities) {
        return modalities.stream().map(Modality::id).collect(Collectors.joining(", "));
    }
}
