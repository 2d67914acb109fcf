package io.mosaic.runtime.cli;

import ai.djl.engine.Engine;
import com.google.inject.Inject;
import io.mosaic.runtime.host.Engines;
import io.mosaic.runtime.host.Health;
import io.mosaic.runtime.host.MosaicRuntime;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.osgi.BundleStatus;
import io.mosaic.runtime.text.Table;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Reports the health of the installation: Java, engine, device, bundles, components. */
@Command(name = "doctor", description = "Check Java, the engine and device, and every bundle and component.")
public final class DoctorCommand implements Callable<Integer> {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Inject
    DoctorCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MosaicRuntime runtime = session.runtime();
        Engine engine = Engines.engine();
        out.printf("Java      %s (%s) %s%n", System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.home"));
        out.printf("Home      %s%n", runtime.options().home());
        out.printf("Plugins   %s (watched)%n", runtime.options().plugins());
        out.printf("Engine    %s %s (DJL %s)%n", engine.getEngineName(), engine.getVersion(),
                Engine.getDjlVersion());
        int gpus = engine.getGpuCount();
        out.printf("Device    %s (%d GPU%s)%n", engine.defaultDevice(), gpus, gpus == 1 ? "" : "s");

        List<BundleStatus> bundles = runtime.host().bundles();
        Table table = new Table("ID", "STATE", "BUNDLE", "VERSION");
        bundles.forEach(bundle -> table.row(bundle.id(), bundle.state(), bundle.symbolicName(), bundle.version()));
        long active = bundles.stream().filter(b -> b.state().equals("ACTIVE")).count();
        out.printf("Bundles   %d installed, %d active%n", bundles.size(), active);
        table.print(out);
        out.printf("Components %d registered%n", runtime.registry().all().size());
        List<String> problems = Health.problems(runtime);
        if (problems.isEmpty()) {
            out.println("Problems  none");
        } else {
            out.printf("Problems  %d%n", problems.size());
            problems.forEach(p -> out.println("  " + p));
        }
        out.printf("Ready in  %.2f s%n", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        out.flush();
        return problems.isEmpty() ? 0 : ExitCodes.UNHEALTHY;
    }
}
