package io.mosaic.runtime.data.pickle;

/**
 * An object a call returned that the pickle completes with BUILD, as {@code numpy.dtype} and
 * {@code numpy.ndarray} are: Python's {@code __setstate__}, then the finished value.
 */
interface Buildable {

    /** @throws IllegalArgumentException when {@code state} is not the state this object accepts */
    void setState(Object state);

    /** The finished value. @throws IllegalArgumentException when the state has not been set */
    Object built();
}
