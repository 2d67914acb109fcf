package io.mosaic.runtime.serve;

import io.mosaic.runtime.osgi.FrameworkAddOns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How {@code mosaic serve} listens.
 *
 * @param host  the address HTTP binds to ({@code 127.0.0.1} keeps it on this machine)
 * @param port  the HTTP port; 0 takes a free one
 * @param shell whether the Gogo shell reads the console; without it, the shell's commands still exist for other
 *              front ends and the runtime runs until it is stopped
 */
public record ServeOptions(String host, int port, boolean shell) {
    /** The folder of an installation whose bundles only {@code serve} installs. */
    public static final String BUNDLES = "bundles/serve";

    public ServeOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the port must be in 0..65535, found " + port);
        }
    }

    /** The framework's add-ons: the Gogo and HTTP bundles of {@code home}, told where to listen. */
    public FrameworkAddOns addOns(Path home) {
        return new FrameworkAddOns(Map.of(
                "org.osgi.service.http.port", Integer.toString(port),
                "org.apache.felix.http.host", host,
                "org.apache.felix.http.jetty.sendServerHeader", "false",
                "gosh.args", shell ? "" : "--nointeractive"),
                List.of(home.resolve(BUNDLES)));
    }
}
