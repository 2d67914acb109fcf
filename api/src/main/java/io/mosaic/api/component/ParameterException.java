package io.mosaic.api.component;

/** A parameter value that its schema does not accept. */
public class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ParameterException(String parameter, String message) {
        super("parameter '" + parameter + "': " + message);
        this.parameter = parameter;
    }

    /** The name of the offending parameter. */
    public String parameter() {
        return parameter;
    }
}
