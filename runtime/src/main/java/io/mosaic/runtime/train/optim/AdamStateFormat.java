package io.mosaic.runtime.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoint layout of {@link Adam}'s state, a list of named arrays: {@code steps} (int64 scalar) and, per
 * parameter p, {@code m/p} and {@code v/p} (its moments) and {@code t/p} (int64 scalar, its update count).
 */
final class AdamStateFormat {

    static final String STEPS = "steps";
    static final String FIRST = "m/";
    static final String SECOND = "v/";
    static final String UPDATES = "t/";
    private static final List<String> PREFIXES = List.of(FIRST, SECOND, UPDATES);

    /** A state read back: the step count and each parameter's moments. */
    record Loaded(long steps, Map<String, ParameterMoments> moments) {
    }

    private AdamStateFormat() {
    }

    /** Copies of {@code steps} and {@code moments}, owned by {@code target} and on its device. */
    static NDList write(long steps, Map<String, ParameterMoments> moments, NDManager target) {
        NDList state = new NDList();
        state.add(named(target.create(steps), STEPS));
        moments.forEach((parameter, parameterMoments) -> {
            state.add(named(copyTo(target, parameterMoments.first()), FIRST + parameter));
            state.add(named(copyTo(target, parameterMoments.second()), SECOND + parameter));
            state.add(named(target.create(parameterMoments.updates()), UPDATES + parameter));
        });
        return state;
    }

    /**
     * Checks {@code state} and copies it into arrays owned by {@code owner}; on failure nothing stays allocated.
     *
     * @throws IllegalArgumentException when {@code state} is not a complete Adam state
     */
    static Loaded read(NDList state, NDManager owner) {
        long steps = count(require(state, STEPS));
        Map<String, ParameterMoments> moments = new LinkedHashMap<>();
        try {
            for (String parameter : parameterNames(state)) {
                moments.put(parameter, readParameter(state, parameter, steps, owner));
            }
        } catch (RuntimeException e) {
            moments.values().forEach(ParameterMoments::close);
            throw e;
        }
        return new Loaded(steps, moments);
    }

    private static ParameterMoments readParameter(NDList state, String parameter, long steps, NDManager owner) {
        NDArray first = require(state, FIRST + parameter);
        NDArray second = require(state, SECOND + parameter);
        long updates = count(require(state, UPDATES + parameter));
        if (!first.getShape().equals(second.getShape()) || first.getDataType() != second.getDataType()) {
            throw new IllegalArgumentException("Adam state of '" + parameter + "' has m " + first.getDataType() + " "
                    + first.getShape() + " but v " + second.getDataType() + " " + second.getShape());
        }
        if (updates < 1 || updates > steps) {
            throw new IllegalArgumentException("Adam state of '" + parameter + "' must have 1 <= t <= steps = "
                    + steps + ", found t = " + updates);
        }
        return ParameterMoments.copyOf(owner, first, second, updates);
    }

    /** The parameters named in {@code state}, in order; every array but {@code steps} must carry a known prefix. */
    private static Set<String> parameterNames(NDList state) {
        Set<String> parameters = new LinkedHashSet<>();
        for (NDArray array : state) {
            String name = array.getName();
            if (!STEPS.equals(name)) {
                parameters.add(parameterOf(name));
            }
        }
        return parameters;
    }

    private static String parameterOf(String arrayName) {
        for (String prefix : PREFIXES) {
            if (arrayName != null && arrayName.startsWith(prefix)) {
                return arrayName.substring(prefix.length());
            }
        }
        throw new IllegalArgumentException("unexpected array '" + arrayName + "' in Adam state, expected " + STEPS
                + " or a name starting with one of " + PREFIXES);
    }

    private static NDArray require(NDList state, String name) {
        NDArray array = state.get(name);
        if (array == null) {
            throw new IllegalArgumentException("Adam state has no '" + name + "' array, found "
                    + state.stream().map(NDArray::getName).toList());
        }
        return array;
    }

    private static long count(NDArray array) {
        if (array.getDataType() != DataType.INT64 || array.size() != 1) {
            throw new IllegalArgumentException("'" + array.getName() + "' must be an int64 scalar count, found "
                    + array.getDataType() + " " + array.getShape());
        }
        return array.toLongArray()[0];
    }

    private static NDArray copyTo(NDManager target, NDArray source) {
        NDArray copy = source.toDevice(target.getDevice(), true);
        copy.attach(target);
        return copy;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
