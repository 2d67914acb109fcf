package io.mosaic.runtime.assembly;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.Views;
import java.util.Set;
import org.osgi.framework.Version;

/**
 * {@code scaled-l1}, a test objective that owns a trainable parameter: w · (1/B) Σ |ŷ_b − y_b|, with a learned scale
 * w that starts at {@code start}. Its gradient in w is the L1 term itself. It refuses {@code start: 0}.
 */
public final class ScaledL1Factory implements ObjectiveFactory {
    public static final String NAME = "scaled-l1";
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .real("start", 1.0, -10.0, 10.0, "The scale's initial value.")
            .build();

    /** The built-in components and this objective. */
    public static InstalledComponents installed() {
        return InstalledComponents.builtIn().add(ComponentKind.OBJECTIVE, NAME, "io.mosaic.test", new Version(0, 1, 0),
                new ScaledL1Factory());
    }

    @Override
    public String description() {
        return "A learned scale times the L1 loss (a test fixture).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data, BuildContext context) {
        double start = parameters.real("start");
        if (start == 0) {
            throw new IllegalArgumentException("a scale that starts at 0 trains nothing");
        }
        return new ScaledL1(start, context);
    }

    /** The objective: its one parameter is {@code scale}, shape [1]. */
    public static final class ScaledL1 extends ObjectiveModule {
        private final Parameter scale;

        ScaledL1(double start, BuildContext context) {
            scale = parameter("scale", new Shape(1), new ConstantInitializer((float) start), context);
        }

        @Override
        public Set<String> taps() {
            return Set.of(PipelineFactory.PREDICTION_TAP);
        }

        @Override
        public NDArray loss(Views views) {
            NDArray scores = views.clean().scores();
            NDArray predicted = views.cleanTaps().get(PipelineFactory.PREDICTION_TAP).reshape(-1);
            NDArray w = views.parameters().getValue(scale, scores.getDevice(), true);
            return predicted.sub(scores).abs().mean().mul(w).sum();
        }
    }
}
