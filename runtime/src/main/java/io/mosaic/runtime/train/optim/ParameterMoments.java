package io.mosaic.runtime.train.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/** Adam's state for one parameter: the moment estimates m and v and the number of updates t it has had. */
final class ParameterMoments implements AutoCloseable {

    private NDArray first;
    private NDArray second;
    private long updates;

    private ParameterMoments(NDArray first, NDArray second, long updates) {
        this.first = first;
        this.second = second;
        this.updates = updates;
    }

    /** m = v = 0 with the weight's shape, type and device, owned by {@code manager}; t = 0. */
    static ParameterMoments zeros(NDManager manager, NDArray weight) {
        NDArray first = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        NDArray second = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        // The moments outlive any NDScope the first update happens in (a per-view step updates inside one).
        NDScope.unregister(first, second);
        return new ParameterMoments(first, second, 0);
    }

    /** Exact copies of {@code first} and {@code second}, owned by {@code manager}. */
    static ParameterMoments copyOf(NDManager manager, NDArray first, NDArray second, long updates) {
        return new ParameterMoments(copy(first, manager), copy(second, manager), updates);
    }

    private static NDArray copy(NDArray source, NDManager owner) {
        NDArray copy = source.duplicate();
        copy.attach(owner);
        return copy;
    }

    NDArray first() {
        return first;
    }

    NDArray second() {
        return second;
    }

    long updates() {
        return updates;
    }

    /** Counts one more update and returns the new t. */
    long advance() {
        return ++updates;
    }

    /** Fails unless the moments fit {@code weight}; moves them to its device when they live elsewhere. */
    void prepareFor(String name, NDArray weight) {
        if (!first.getShape().equals(weight.getShape()) || first.getDataType() != weight.getDataType()) {
            throw new IllegalArgumentException("optimizer state of parameter '" + name + "' is "
                    + first.getDataType() + " " + first.getShape() + " but the parameter is "
                    + weight.getDataType() + " " + weight.getShape());
        }
        Device device = weight.getDevice();
        first = moveTo(first, device);
        second = moveTo(second, device);
    }

    private static NDArray moveTo(NDArray array, Device device) {
        if (array.getDevice().equals(device)) {
            return array;
        }
        NDArray moved = array.toDevice(device, true);
        array.close();
        return moved;
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
