package io.mosaic.runtime.registry;

/** An assembly names a component that no active bundle provides (at the requested version). */
public final class UnknownComponentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownComponentException(String message) {
        super(message);
    }
}
