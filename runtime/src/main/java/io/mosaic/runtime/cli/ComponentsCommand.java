package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterSpec;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.text.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the installed components with their bundles and parameters. */
@Command(name = "components", description = "List installed components: kind, name, version, bundle, parameters.")
public final class ComponentsCommand implements Callable<Integer> {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", description = "Only this kind: ${COMPLETION-CANDIDATES}.")
    ComponentKind kind;

    @Option(names = {"-v", "--verbose"}, description = "Describe every parameter.")
    boolean verbose;

    @Inject
    ComponentsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RegisteredComponent> components = kind == null ? session.runtime().registry().all()
                : session.runtime().registry().ofKind(kind);
        Table table = new Table("KIND", "NAME", "VERSION", "BUNDLE", "PARAMETERS");
        for (RegisteredComponent c : components) {
            table.row(c.kind().id(), c.name(), c.bundleVersion(), c.bundle(), parameters(c));
        }
        table.print(out);
        session.runtime().registry().stalled().forEach(stalled -> out.println("not listed: " + stalled));
        if (verbose) {
            for (RegisteredComponent c : components) {
                out.printf("%n%s %s — %s%n", c.kind().id(), c.name(), c.factory().description());
                for (ParameterSpec p : c.factory().parameters().specs()) {
                    out.printf("  %-16s %-13s %-14s %s%s%n", p.name(), p.type().id(),
                            p.required() ? "required" : "= " + p.defaultValue(), p.description(),
                            p.constraint().map(x -> " " + x).orElse(""));
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String parameters(RegisteredComponent component) {
        List<String> names = component.factory().parameters().specs().stream()
                .map(p -> p.name() + ":" + p.type().id()).toList();
        return names.isEmpty() ? "-" : String.join(" ", names);
    }
}
