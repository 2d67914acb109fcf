package io.mosaic.runtime.osgi;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * A Declarative Services component that is not working, as SCR reports it.
 *
 * @param state      {@code failed activation}, {@code unsatisfied reference}, ...
 * @param message    the failure SCR recorded (an activation exception's message), or what is missing
 * @param properties the properties the component declares, among them the Mosaic kind and name of a Mosaic
 *                   component
 */
public record ComponentFailure(String bundle, Version bundleVersion, String component, String state, String message,
                               Map<String, Object> properties) {

    public ComponentFailure {
        properties = Map.copyOf(properties);
    }

    /** Whether this is the Mosaic component {@code name} of {@code kind}, as its properties declare. */
    public boolean declares(ComponentKind kind, String name) {
        return kind.name().equals(String.valueOf(properties.get(MosaicComponent.KIND_PROPERTY)))
                && name.equals(String.valueOf(properties.get(MosaicComponent.NAME_PROPERTY)));
    }

    /** {@code component C of bundle B 1.0.0: failed activation (why)}. */
    @Override
    public String toString() {
        return "component " + component + " of bundle " + bundle + " " + bundleVersion + ": " + state + " ("
                + message + ")";
    }
}
