package io.mosaic.runtime.registry;

import io.mosaic.runtime.assembly.yaml.Fragment;
import java.util.Objects;
import org.osgi.framework.VersionRange;

/**
 * How an assembly names a component: {@code gru}, or with a version range {@code gru@[1.0,2.0)} (OSGi range syntax;
 * a bare version such as {@code gru@1.2} means 1.2 or later).
 */
public record ComponentRef(String name, VersionRange versions) {

    private static final VersionRange ANY = new VersionRange("0.0.0");

    public ComponentRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(versions, "versions");
    }

    /** Reads {@code name} or {@code name@range}. */
    public static ComponentRef parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return new ComponentRef(text.trim(), ANY);
        }
        String name = text.substring(0, at).trim();
        String range = text.substring(at + 1).trim();
        try {
            return new ComponentRef(name, new VersionRange(range));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Fragment.quote(range) + " is not a version range; expected e.g. 1.2, "
                    + "[1.0,2.0) or [1.2.0,1.2.0]", e);
        }
    }

    public boolean anyVersion() {
        return versions.equals(ANY);
    }

    @Override
    public String toString() {
        return anyVersion() ? name : name + "@" + versions;
    }
}
