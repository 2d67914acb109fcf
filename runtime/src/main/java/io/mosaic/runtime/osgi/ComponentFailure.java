package io.mosaic.runtime.osgi;

/**
 * A Declarative Services component that is not working, as SCR reports it.
 *
 * @param state   {@code failed activation}, {@code unsatisfied reference}, ...
 * @param message the failure SCR recorded (an activation exception's message), or what is missing
 */
public record ComponentFailure(String bundle, String component, String state, String message) {

    @Override
    public String toString() {
        return "component " + component + " of bundle " + bundle + ": " + state + " (" + message + ")";
    }
}
