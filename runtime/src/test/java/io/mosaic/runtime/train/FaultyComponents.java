package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.InstalledComponents;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.osgi.framework.Version;

/**
 * The built-in components and faulty ones from bundle {@value #BUNDLE} 1.0.0: encoders that keep their input's
 * declared shape but do something wrong to the features, and objectives that do something wrong to the prediction.
 */
final class FaultyComponents {
    static final String BUNDLE = "io.mosaic.test.faulty";

    private FaultyComponents() {
    }

    /**
     * The built-in components and encoders {@code exploding} (throws), {@code nan} (0 · x / 0), {@code narrowing}
     * (drops the last feature); objectives {@code nan-loss} (0 / 0) and {@code exploding-loss} (throws).
     */
    static InstalledComponents installed() {
        Version version = new Version(1, 0, 0);
        return InstalledComponents.builtIn()
                .add(ComponentKind.ENCODER, "exploding", BUNDLE, version, encoder(input -> {
                    throw new IllegalStateException("the exploding encoder exploded");
                }))
                .add(ComponentKind.ENCODER, "nan", BUNDLE, version,
                        encoder(input -> input.withValues(input.values().mul(0).div(0))))
                .add(ComponentKind.ENCODER, "narrowing", BUNDLE, version,
                        encoder(input -> input.withValues(input.values().get("..., :-1"))))
                .add(ComponentKind.OBJECTIVE, "nan-loss", BUNDLE, version,
                        objective(prediction -> prediction.sum().mul(0).div(0)))
                .add(ComponentKind.OBJECTIVE, "exploding-loss", BUNDLE, version, objective(prediction -> {
                    throw new ArithmeticException("the exploding loss exploded");
                }));
    }

    /** Encoders that apply {@code function} to their input and declare their input's shape. */
    private static EncoderFactory encoder(UnaryOperator<Features> function) {
        return ShapeKeepingEncoders.factory("A faulty encoder.",
                (features, taps, training) -> function.apply(features));
    }

    /** Objectives whose loss is {@code loss} of the clean view's prediction. */
    private static ObjectiveFactory objective(Function<NDArray, NDArray> loss) {
        return new ObjectiveFactory() {
            @Override
            public String description() {
                return "A faulty objective.";
            }

            @Override
            public ParameterSchema parameters() {
                return ParameterSchema.EMPTY;
            }

            @Override
            public Objective create(Parameters parameters, DataSpec data) {
                return new Objective() {
                    @Override
                    public Set<String> taps() {
                        return Set.of(PipelineFactory.PREDICTION_TAP);
                    }

                    @Override
                    public NDArray loss(Views views) {
                        return loss.apply(views.taps(Views.CLEAN).get(PipelineFactory.PREDICTION_TAP));
                    }
                };
            }
        };
    }
}
