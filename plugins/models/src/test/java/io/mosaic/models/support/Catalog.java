package io.mosaic.models.support;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.encoders.dropout.DropoutFactory;
import io.mosaic.encoders.pooling.AttentionPoolFactory;
import io.mosaic.encoders.pooling.LastStepPoolFactory;
import io.mosaic.encoders.pooling.MaskedMeanPoolFactory;
import io.mosaic.encoders.projection.PointwiseProjectionFactory;
import io.mosaic.encoders.recurrent.GruFactory;
import io.mosaic.encoders.recurrent.LstmFactory;
import io.mosaic.fusion.concat.ConcatFactory;
import io.mosaic.fusion.crossmodal.CrossmodalFactory;
import io.mosaic.fusion.encoder.TransformerEncoderFactory;
import io.mosaic.fusion.head.MlpHeadFactory;
import io.mosaic.fusion.joint.ResidualMlpFactory;
import io.mosaic.fusion.mct.MctFactory;
import io.mosaic.fusion.semantic.SemanticFusionFactory;
import io.mosaic.fusion.transformer.TransformerFactory;
import io.mosaic.fusion.wsam.WsamFactory;
import io.mosaic.losses.classification.CrossEntropyFactory;
import io.mosaic.losses.maci.McmHeadFactory;
import io.mosaic.losses.regression.L1Factory;
import io.mosaic.losses.regression.MseFactory;
import io.mosaic.losses.ulgm.UlgmFactory;
import java.util.Map;

/** The built-in components by the names assemblies use, as the runtime's registry would resolve them. */
public final class Catalog {
    private static final Map<String, ComponentFactory> FACTORIES = Map.ofEntries(
            Map.entry("pointwise-projection", new PointwiseProjectionFactory()),
            Map.entry("gru", new GruFactory()),
            Map.entry("lstm", new LstmFactory()),
            Map.entry("dropout", new DropoutFactory()),
            Map.entry("masked-mean-pool", new MaskedMeanPoolFactory()),
            Map.entry("last-step-pool", new LastStepPoolFactory()),
            Map.entry("attention-pool", new AttentionPoolFactory()),
            Map.entry("concat", new ConcatFactory()),
            Map.entry("wsam", new WsamFactory()),
            Map.entry("mct", new MctFactory()),
            Map.entry("transformer", new TransformerFactory()),
            Map.entry("transformer-encoder", new TransformerEncoderFactory()),
            Map.entry("semantic-fusion", new SemanticFusionFactory()),
            Map.entry("crossmodal", new CrossmodalFactory()),
            Map.entry("residual-mlp", new ResidualMlpFactory()),
            Map.entry("mlp", new MlpHeadFactory()),
            Map.entry("mcm", new McmHeadFactory()),
            Map.entry("l1", new L1Factory()),
            Map.entry("mse", new MseFactory()),
            Map.entry("ulgm", new UlgmFactory()),
            Map.entry("cross-entropy", new CrossEntropyFactory()));

    private Catalog() {
    }

    public static <F extends ComponentFactory> F factory(String name, Class<F> kind) {
        ComponentFactory factory = FACTORIES.get(name);
        if (!kind.isInstance(factory)) {
            throw new IllegalArgumentException("no " + kind.getSimpleName() + " called '" + name + "'");
        }
        return kind.cast(factory);
    }
}
