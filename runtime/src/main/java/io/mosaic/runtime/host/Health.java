package io.mosaic.runtime.host;

import io.mosaic.runtime.osgi.BundleStatus;
import io.mosaic.runtime.osgi.ComponentDiagnostics;
import io.mosaic.runtime.osgi.ComponentFailure;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with a running platform: bundles that are not active, components that failed, unreadable jars. */
public final class Health {

    private Health() {
    }

    /**
     * Every problem, a sentence each naming the bundle, component or jar; empty when all is well. Components whose
     * activation is stuck are among them once the registry has tried to activate them ({@code registry().all()}).
     */
    public static List<String> problems(MosaicRuntime runtime) {
        List<String> problems = new ArrayList<>();
        for (BundleStatus bundle : runtime.host().bundles()) {
            bundle.problem().ifPresent(p -> problems.add("bundle " + bundle.symbolicName() + " ("
                    + bundle.location() + ") is " + bundle.state() + ": " + p));
        }
        for (ComponentFailure failure : ComponentDiagnostics.failures(runtime.host().context())) {
            problems.add(failure.toString());
        }
        runtime.registry().stalled().forEach(stalled -> problems.add(stalled.toString()));
        runtime.unreadablePlugins().forEach(jar -> problems.add("plugin " + jar + " is not a readable bundle"));
        return problems;
    }
}
