package io.mosaic.api.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The base of every trainable component. A module is a DJL block, so its parameters nest, are named, saved,
 * loaded and frozen the DJL way; but its shapes are known when it is built, so its parameters are created then (not
 * lazily on a first forward pass) and it is called through its kind's typed {@code forward} method rather than
 * {@link Block#forward}.
 */
public abstract class Module extends AbstractBlock {

    protected Module() {
        super((byte) 1);
    }

    /** Adds {@code block} as a child called {@code name} and creates its parameters for {@code inputShapes}. */
    protected final <B extends Block> B child(String name, B block, BuildContext context, Shape... inputShapes) {
        addChildBlock(name, block);
        block.initialize(context.manager(), context.dataType(), inputShapes);
        return block;
    }

    /** Adds a module built elsewhere (its parameters already exist) as a child called {@code name}. */
    protected final <M extends Module> M child(String name, M module) {
        addChildBlock(name, module);
        return module;
    }

    /** Creates a parameter of this module with a fixed shape, initialised by {@code initializer}. */
    protected final Parameter parameter(String name, Shape shape, Initializer initializer, BuildContext context) {
        Parameter parameter = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(shape).optInitializer(initializer).build());
        parameter.initialize(context.manager(), context.dataType());
        return parameter;
    }

    /**
     * Creates a buffer of this module: state that is saved and restored with the parameters but never trained (a
     * confounder dictionary, a class prior, a mean feature), zero until the module sets it, for example in
     * {@link FitsTrainingSplit#fit}. Buffers are not counted as trained parameters.
     */
    protected final Parameter buffer(String name, Shape shape, BuildContext context) {
        Parameter parameter = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(shape).optRequiresGrad(false).optInitializer(new ConstantInitializer(0)).build());
        parameter.initialize(context.manager(), context.dataType());
        return parameter;
    }

    /** Whether {@code parameter} is a buffer: saved with the model but never trained. */
    public static boolean isBuffer(Parameter parameter) {
        return parameter.getType() == Parameter.Type.OTHER && !parameter.requiresGradient();
    }

    /** Not used: a module is called through its kind's typed {@code forward}. */
    @Override
    protected final NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                           PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getName()
                + " is a Mosaic module: call its typed forward method, not Block.forward(NDList)");
    }

    /** Not used: a module's output shape is known when it is built. */
    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getName()
                + " is a Mosaic module: its output shape is fixed when it is built");
    }
}
