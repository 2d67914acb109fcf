package io.mosaic.runtime.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Chart.js (MIT License), the charting library the report inlines: its UMD build, read from the
 * {@code org.webjars.npm:chart.js} WebJar on the class path.
 *
 * @param source the library's code, without the last line's source-map reference (the map is not shipped)
 */
public record ChartJs(String version, String source) {
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String UMD = "META-INF/resources/webjars/chart.js/%s/dist/chart.umd.js";
    private static final String SOURCE_MAP = "//# sourceMappingURL=";

    /** The library on the class path of this class. */
    public static ChartJs load() {
        Properties pom = new Properties();
        try (InputStream in = resource(POM_PROPERTIES)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
        String version = pom.getProperty("version");
        String path = String.format(UMD, version);
        try (InputStream in = resource(path)) {
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int map = source.lastIndexOf(SOURCE_MAP);
            return new ChartJs(version, Html.scriptContent(map < 0 ? source : source.substring(0, map), path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = ChartJs.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the Chart.js WebJar (org.webjars.npm:chart.js) is not on the class "
                    + "path: " + path + " is missing");
        }
        return in;
    }
}
