package io.mosaic.runtime.osgi;

import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * One installed bundle as {@code mosaic doctor} reports it.
 *
 * @param problem why the bundle is not active, if it is not
 */
public record BundleStatus(long id, String symbolicName, String version, String state, String location,
                           Optional<String> problem) {

    static BundleStatus of(Bundle bundle, Optional<String> problem) {
        return new BundleStatus(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                stateName(bundle.getState()), bundle.getLocation(), problem);
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
