package io.mosaic.models.support;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.encoders.pooling.LastStepPoolFactory;
import io.mosaic.encoders.pooling.MaskedMeanPoolFactory;
import io.mosaic.encoders.projection.PointwiseProjectionFactory;
import io.mosaic.encoders.recurrent.GruFactory;
import io.mosaic.fusion.concat.ConcatFactory;
import io.mosaic.fusion.head.MlpHeadFactory;
import io.mosaic.losses.classification.CrossEntropyFactory;
import io.mosaic.losses.regression.L1Factory;
import io.mosaic.losses.regression.MseFactory;
import java.util.Map;

/** The built-in components by the names assemblies use, as the runtime's registry would resolve them. */
public final class Catalog {
    private static final Map<String, ComponentFactory> FACTORIES = Map.of(
            "pointwise-projection", new PointwiseProjectionFactory(),
            "gru", new GruFactory(),
            "masked-mean-pool", new MaskedMeanPoolFactory(),
            "last-step-pool", new LastStepPoolFactory(),
            "concat", new ConcatFactory(),
            "mlp", new MlpHeadFactory(),
            "l1", new L1Factory(),
            "mse", new MseFactory(),
            "cross-entropy", new CrossEntropyFactory());

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
