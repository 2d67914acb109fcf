package io.mosaic.runtime.registry;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/**
 * Components the runtime itself provides (the built-in missing-modality protocols), registered in the framework like
 * any plugin's, so that assemblies, {@code mosaic components} and version ranges treat them alike. They are listed
 * as coming from {@value #PROVIDER} at the runtime's version.
 */
public final class HostComponents {
    /** The provider name of host components. */
    public static final String PROVIDER = "io.mosaic.runtime";

    private HostComponents() {
    }

    /** Registers {@code factory} under {@code contract} as component {@code name} of {@code kind}. */
    public static <F extends ComponentFactory> void register(BundleContext context, Class<F> contract, F factory,
                                                             ComponentKind kind, String name) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(MosaicComponent.KIND_PROPERTY, kind.name());
        properties.put(MosaicComponent.NAME_PROPERTY, name);
        context.registerService(contract, factory, properties);
    }

    /** The runtime's version, from its jar's manifest (0.0.0 in a development class folder). */
    static Version version() {
        String text = HostComponents.class.getPackage().getImplementationVersion();
        if (text == null) {
            return Version.emptyVersion;
        }
        return Version.parseVersion(text.replace('-', '.'));
    }
}
