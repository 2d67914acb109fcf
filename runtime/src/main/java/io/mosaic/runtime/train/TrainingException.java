package io.mosaic.runtime.train;

/** Training cannot go on: a component produced non-finite values, a checkpoint does not fit, ... */
public final class TrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
