package io.mosaic.runtime.registry;

import io.mosaic.runtime.assembly.yaml.Fragment;
import java.util.Objects;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * How an assembly names a component: {@code gru}, or with a version range {@code gru@[1.0,2.0)} (OSGi range syntax;
 * a bare version such as {@code gru@1.2} means 1.2 or later, and {@code gru@=1.2.0} exactly 1.2.0).
 */
public record ComponentRef(String name, VersionRange versions) {

    private static final VersionRange ANY = new VersionRange("0.0.0");

    public ComponentRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(versions, "versions");
    }

    /** {@code name} at exactly {@code version}: {@code name@=version}. */
    public static ComponentRef exact(String name, Version version) {
        return new ComponentRef(name, new VersionRange(VersionRange.LEFT_CLOSED, version, version,
                VersionRange.RIGHT_CLOSED));
    }

    /** Reads {@code name}, {@code name@range} or {@code name@=version}. */
    public static ComponentRef parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return new ComponentRef(text.trim(), ANY);
        }
        String name = text.substring(0, at).trim();
        String range = text.substring(at + 1).trim();
        try {
            return range.startsWith("=") ? exact(name, Version.parseVersion(range.substring(1).trim()))
                    : new ComponentRef(name, new VersionRange(range));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Fragment.quote(range) + " is not a version range; expected e.g. 1.2, "
                    + "[1.0,2.0) or =1.2.0", e);
        }
    }

    /** Whether the range admits one version alone, as {@code name@=version} or {@code name@[v,v]} say. */
    public boolean exact() {
        return versions.getLeftType() == VersionRange.LEFT_CLOSED && versions.getRightType() == VersionRange.RIGHT_CLOSED
                && versions.getLeft().equals(versions.getRight());
    }

    public boolean anyVersion() {
        return versions.equals(ANY);
    }

    @Override
    public String toString() {
        if (anyVersion()) {
            return name;
        }
        return name + "@" + (exact() ? "=" + versions.getLeft() : versions);
    }
}
