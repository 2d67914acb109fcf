package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.AssemblyService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks an assembly against what is installed, building nothing. */
@Command(name = "validate", description = "Check an assembly: syntax, components, parameters, taps, data.")
public final class ValidateCommand implements Callable<Integer> {
    private final AssemblyService assemblies;

    @Spec
    CommandSpec spec;

    @Mixin
    AssemblyArguments arguments;

    @Inject
    ValidateCommand(AssemblyService assemblies) {
        this.assemblies = assemblies;
    }

    @Override
    public Integer call() {
        ResolvedAssembly resolved = assemblies.resolve(arguments.assembly, arguments.overrides);
        PrintWriter out = spec.commandLine().getOut();
        int objectives = resolved.objectives().size();
        out.printf("%s is valid: %s, %d slots, %d objective%s, data %s (%s)%n",
                resolved.assembly().source(), resolved.pipeline().component().label(), resolved.slots().size(),
                objectives, objectives == 1 ? "" : "s", resolved.dataset().description(), resolved.dataSpec().task());
        out.flush();
        return ExitCodes.OK;
    }
}
