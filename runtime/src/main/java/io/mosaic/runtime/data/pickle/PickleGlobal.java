package io.mosaic.runtime.data.pickle;

/** An allowed global on the unpickler's stack, e.g. {@code numpy.dtype}. */
record PickleGlobal(String name, PickleCallable callable) {
}
