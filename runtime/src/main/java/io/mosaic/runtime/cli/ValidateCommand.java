package io.mosaic.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.Engines;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Checks an assembly against what is installed, and builds its model's shapes: the parameters are created on a
 * throwaway manager and freed, nothing is trained.
 */
@Command(name = "validate", description = "Check an assembly: syntax, components, parameters, taps, data, and "
        + "build its model's shapes (nothing is trained).")
public final class ValidateCommand implements Callable<Integer> {
    private final AssemblyService assemblies;

    @Spec
    CommandSpec spec;

    @Mixin
    StackTraceOption stackTrace;

    @Mixin
    AssemblyArguments arguments;

    @Inject
    ValidateCommand(AssemblyService assemblies) {
        this.assemblies = assemblies;
    }

    @Override
    public Integer call() {
        ResolvedAssembly resolved = assemblies.resolve(arguments.assembly, arguments.overrides);
        try {
            resolved.dataset().openHeldOut();
        } catch (IllegalArgumentException e) {
            throw new AssemblyException(resolved.assembly().data().origin(), "data: " + e.getMessage());
        }
        long parameters;
        long objectiveParameters;
        try (NDManager manager = Engines.newManager("cpu");
             BuiltModel model = ModelBuilder.build(resolved, manager)) {
            parameters = model.totalParameters();
            objectiveParameters = model.objectiveParameters();
        }
        PrintWriter out = spec.commandLine().getOut();
        int objectives = resolved.objectives().size();
        out.printf("%s is valid: syntax, components, parameters, taps, data and the model's shapes (%,d parameters%s)"
                + "%n  %s, %d slots, %d objective%s, data %s (%s)%n", resolved.assembly().source(), parameters,
                objectiveParameters == 0 ? "" : String.format(", and %,d in objectives", objectiveParameters),
                resolved.pipeline().component().label(), resolved.slots().size(), objectives,
                objectives == 1 ? "" : "s", resolved.dataset().description(), resolved.dataSpec().task());
        resolved.shared().forEach((name, component) -> out.printf("  shared %s (%s): slots %s%n", name,
                component.component().name(), String.join(", ", resolved.slotsSharing(name))));
        PrintWriter err = spec.commandLine().getErr();
        resolved.warnings().forEach(warning -> err.printf("warning: %s%n", warning));
        err.flush();
        out.flush();
        return ExitCodes.OK;
    }
}
