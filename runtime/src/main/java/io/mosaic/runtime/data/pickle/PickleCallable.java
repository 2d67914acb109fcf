package io.mosaic.runtime.data.pickle;

import java.util.List;

/** What an allowed pickled global does when the pickle calls it (REDUCE), written in Java: no Python runs. */
@FunctionalInterface
interface PickleCallable {

    /**
     * @param args the positional arguments the pickle passes
     * @throws IllegalArgumentException when the arguments are not what the global accepts
     */
    Object call(List<Object> args);
}
