package io.mosaic.runtime.osgi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one mode of the runtime adds to the framework beyond the built-in bundles: framework properties that those
 * bundles read, and folders of further bundles to install and start at boot (for example the Gogo shell and the HTTP
 * whiteboard of {@code mosaic serve}).
 */
public record FrameworkAddOns(Map<String, String> properties, List<Path> bundleFolders) {
    /** Nothing beyond the built-in bundles: what every command but {@code serve} boots. */
    public static final FrameworkAddOns NONE = new FrameworkAddOns(Map.of(), List.of());

    public FrameworkAddOns {
        properties = Map.copyOf(properties);
        bundleFolders = bundleFolders.stream().map(folder -> folder.toAbsolutePath().normalize()).toList();
    }
}
