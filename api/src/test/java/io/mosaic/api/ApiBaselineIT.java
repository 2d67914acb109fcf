package io.mosaic.api;

import static org.assertj.core.api.Assertions.assertThat;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import java.io.File;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Semantic versioning of the api: every exported package of the api just built is compared with the released api,
 * and each must declare at least the version bnd's baseline suggests (major for a breaking change, minor for an
 * addition).
 */
class ApiBaselineIT {

    @Test
    void everyPackageVersionCoversItsChangesSinceTheRelease() throws Exception {
        File built = new File(System.getProperty("mosaic.api.jar"));
        File released = new File(System.getProperty("mosaic.api.baseline"));
        assertThat(built).as("the api jar built by this build").isFile();
        assertThat(released).as("the released api jar").isFile();
        try (Processor reporter = new Processor();
             Jar newer = new Jar(built);
             Jar older = new Jar(released)) {
            Set<Baseline.Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null);
            assertThat(infos).as("exported packages compared").isNotEmpty();
            List<String> mismatches = infos.stream().filter(info -> info.mismatch)
                    .map(info -> info.packageName + " declares " + info.newerVersion + " but its changes since "
                            + info.olderVersion + " need " + info.suggestedVersion + (info.reason == null ? ""
                            : " (" + info.reason + ")"))
                    .toList();
            assertThat(mismatches).as("packages whose version does not cover their changes").isEmpty();
            assertThat(reporter.getErrors()).isEmpty();
        }
    }
}
