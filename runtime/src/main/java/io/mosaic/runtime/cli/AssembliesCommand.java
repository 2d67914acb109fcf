package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.assembly.AssemblyCatalog;
import io.mosaic.runtime.host.Session;
import io.mosaic.runtime.text.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the assemblies the installed bundles ship. */
@Command(name = "assemblies", description = "List the assemblies shipped by installed bundles.")
public final class AssembliesCommand implements Callable<Integer> {
    private final Session session;

    @Spec
    CommandSpec spec;

    @Inject
    AssembliesCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Table table = new Table("NAME", "BUNDLE", "VERSION");
        for (AssemblyCatalog.Entry entry : session.runtime().catalog().entries()) {
            table.row(entry.name(), entry.bundle(), entry.version());
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
