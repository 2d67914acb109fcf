package io.mosaic.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.osgi.framework.Version;

/** Small modules written for the guard tests: each does one obvious thing to its input. */
final class HandMadeModules {
    static final String BUNDLE = "io.mosaic.test.faulty";
    static final Version VERSION = new Version(1, 2, 3);
    /** The text frames of {@link #batch}. */
    static final FeatureShape TEXT = FeatureShape.sequence(3, 4);

    private HandMadeModules() {
    }

    /** Component {@code name} of {@code kind} from {@link #BUNDLE} at {@link #VERSION}. */
    static RegisteredComponent registered(ComponentKind kind, String name) {
        return new RegisteredComponent(kind, name, BUNDLE, VERSION, 1L, null);
    }

    /** The guard of component {@code name} of {@code kind} in {@code slot}. */
    static ForwardGuard guard(ComponentKind kind, String name, String slot, ForwardChecks checks) {
        return new ForwardGuard(PlacedComponent.inSlot(registered(kind, name), slot), checks);
    }

    /** The guard of pipeline {@code name}. */
    static ForwardGuard pipelineGuard(String name, ForwardChecks checks) {
        return new ForwardGuard(PlacedComponent.unslotted(registered(ComponentKind.PIPELINE, name)), checks);
    }

    /**
     * The hand-made {@link Pipeline} of {@code encoder} (guarded by the caller), {@code fusion} and {@code head},
     * with a guard around the fusion ({@code sum}), the head ({@code slice}, 2 outputs) and the pipeline
     * ({@code hand-made}).
     */
    static Network guardedPipeline(Encoder encoder, Sum fusion, Slice head, UnaryOperator<NDArray> finish,
                                   ForwardChecks checks) {
        return new GuardedNetwork(new Pipeline(encoder,
                new GuardedFusion(fusion, guard(ComponentKind.FUSION, "sum", "fusion", checks)),
                new GuardedHead(head, 2, guard(ComponentKind.HEAD, "slice", "head", checks)), finish),
                2, pipelineGuard("hand-made", checks), new PassBatch());
    }

    /** Two samples of three text frames of four features, x[b, t, d] = b − t + d / 4, and nothing else. */
    static Batch batch(NDManager manager) {
        float[] values = new float[2 * 3 * 4];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int d = 0; d < 4; d++) {
                    values[(b * 3 + t) * 4 + d] = b - t + d / 4f;
                }
            }
        }
        return withText(manager.create(values, new Shape(2, 3, 4)));
    }

    /** A batch of two samples whose text frames are {@code values} [2, T, D], all of full length. */
    static Batch withText(NDArray values) {
        NDManager manager = values.getManager();
        Features text = Features.sequence(values, manager.create(new long[] {values.getShape().get(1),
                values.getShape().get(1)}));
        NDArray zeros = manager.zeros(new Shape(2));
        return new Batch(List.of("a", "b"), Map.of(Modality.TEXT, text), Optional.empty(), zeros, zeros, zeros);
    }

    /** y = x · w with a learned scale w per feature, initialised to {@code scale}. */
    static final class Scale extends Encoder {
        private final FeatureShape shape;
        private final Parameter weight;

        Scale(FeatureShape shape, float scale, BuildContext context) {
            this.shape = shape;
            this.weight = parameter("weight", new Shape(shape.dim()), new ConstantInitializer(scale), context);
        }

        @Override
        public FeatureShape output() {
            return shape;
        }

        @Override
        public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
            NDArray values = input.values();
            return input.withValues(values.mul(parameters.getValue(weight, values.getDevice(), training)));
        }
    }

    /** Applies {@code function} to the values and declares {@code declared}, whatever the function returns. */
    static class Mapping extends Encoder {
        private final FeatureShape declared;
        final UnaryOperator<Features> function;

        Mapping(FeatureShape declared, UnaryOperator<Features> function) {
            this.declared = declared;
            this.function = function;
        }

        @Override
        public FeatureShape output() {
            return declared;
        }

        @Override
        public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
            return function.apply(input);
        }
    }

    /** A {@link Mapping} that runs jointly with the others: each member's function in turn, each pass said in joint. */
    static final class JointMapping extends Mapping {
        private final List<String> joint;

        JointMapping(FeatureShape declared, UnaryOperator<Features> function, List<String> joint) {
            super(declared, function);
            this.joint = joint;
        }

        @Override
        public Object jointKey() {
            return JointMapping.class;
        }

        @Override
        public List<Features> forwardJointly(ParameterStore parameters, List<Encoder> members,
                                             List<Features> inputs, boolean training) {
            joint.add("pass of " + members.size());
            return IntStream.range(0, members.size())
                    .mapToObj(i -> ((JointMapping) members.get(i)).function.apply(inputs.get(i))).toList();
        }
    }

    /** Records its input's values as tap {@code seen} (after adding {@code offset}) and returns its input. */
    static final class Recording extends Encoder {
        private final FeatureShape shape;
        private final float offset;

        Recording(FeatureShape shape, float offset) {
            this.shape = shape;
            this.offset = offset;
        }

        @Override
        public FeatureShape output() {
            return shape;
        }

        @Override
        public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
            taps.put("seen", input.values().add(offset));
            return input;
        }
    }

    /** The sum of its inputs, which all have {@code shape}; or throws {@code failure} when one is given. */
    static final class Sum extends Fusion {
        private final FeatureShape shape;
        private final RuntimeException failure;

        Sum(FeatureShape shape, RuntimeException failure) {
            this.shape = shape;
            this.failure = failure;
        }

        @Override
        public FeatureShape output() {
            return shape;
        }

        @Override
        public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps,
                                boolean training) {
            if (failure != null) {
                throw failure;
            }
            return Features.pooled(inputs.values().stream().map(Features::values).reduce(NDArray::add)
                    .orElseThrow());
        }
    }

    /** The first {@code outputs} features of a pooled input, or the given function of them. */
    static final class Slice extends Head {
        private final int outputs;
        private final UnaryOperator<NDArray> then;

        Slice(int outputs, UnaryOperator<NDArray> then) {
            this.outputs = outputs;
            this.then = then;
        }

        @Override
        public NDArray forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
            return then.apply(input.values().get(":, :" + outputs));
        }
    }

    /**
     * Encodes the text frames, pools them to their mean over time, fuses them alone and applies the head; records
     * the prediction after {@code finish}, the pipeline's own last step.
     */
    static final class Pipeline extends Network {
        private final Encoder encoder;
        private final Fusion fusion;
        private final Head head;
        private final UnaryOperator<NDArray> finish;

        Pipeline(Encoder encoder, Fusion fusion, Head head, UnaryOperator<NDArray> finish) {
            this.encoder = child("text", encoder);
            this.fusion = child("fusion", fusion);
            this.head = child("head", head);
            this.finish = finish;
        }

        @Override
        public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
            Features text = encoder.forward(parameters, batch.input(Modality.TEXT), taps.scoped("text"), training);
            Features pooled = Features.pooled(text.values().mean(new int[] {1}));
            Features joint = fusion.forward(parameters, Map.of("text", pooled), taps.scoped("fusion"), training);
            NDArray prediction = head.forward(parameters, joint, taps.scoped("head"), training);
            taps.put(PipelineFactory.PREDICTION_TAP, finish.apply(prediction));
        }
    }
}
