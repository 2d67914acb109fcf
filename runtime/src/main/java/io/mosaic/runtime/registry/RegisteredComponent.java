package io.mosaic.runtime.registry;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.ComponentKind;
import org.osgi.framework.Version;

/**
 * A component factory found in the service registry.
 *
 * @param bundle        the symbolic name of the bundle that provides it
 * @param bundleVersion that bundle's version, which is the component's version
 * @param serviceId     the factory's service id (distinguishes two registrations of one bundle)
 */
public record RegisteredComponent(ComponentKind kind, String name, String bundle, Version bundleVersion,
                                  long serviceId, ComponentFactory factory) {

    /** {@code kind name@version}, as messages and reports show a component. */
    public String label() {
        return kind.id() + " " + name + "@" + bundleVersion;
    }
}
