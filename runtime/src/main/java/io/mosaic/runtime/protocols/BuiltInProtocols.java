package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.protocol.ProtocolFactory;
import io.mosaic.runtime.registry.HostComponents;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;

/** The missing-modality protocols the runtime provides, registered in the framework at boot. */
public final class BuiltInProtocols {

    private BuiltInProtocols() {
    }

    /**
     * A fresh factory of every built-in protocol by component name: the missing protocols in the order of
     * {@code cider.md} §2, then the noise protocol.
     */
    public static Map<String, ProtocolFactory> factories() {
        Map<String, ProtocolFactory> factories = new LinkedHashMap<>();
        factories.put(RmfmFactory.NAME, new RmfmFactory());
        factories.put(TraditionalRmfmFactory.NAME, new TraditionalRmfmFactory());
        factories.put(SmmFactory.NAME, new SmmFactory());
        factories.put(RmmFactory.NAME, new RmmFactory());
        factories.put(TmfmFactory.NAME, new TmfmFactory());
        factories.put(StmfmFactory.NAME, new StmfmFactory());
        factories.put(GaussianNoiseFactory.NAME, new GaussianNoiseFactory());
        return Collections.unmodifiableMap(factories);
    }

    /** Registers every built-in protocol in {@code context} as a host component of kind protocol. */
    public static void register(BundleContext context) {
        factories().forEach((name, factory) ->
                HostComponents.register(context, ProtocolFactory.class, factory, ComponentKind.PROTOCOL, name));
    }
}
