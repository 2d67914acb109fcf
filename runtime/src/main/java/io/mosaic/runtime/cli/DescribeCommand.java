package io.mosaic.runtime.cli;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.Engines;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.text.Table;
import io.mosaic.runtime.train.optim.ParameterGroups;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the resolved assembly, each part of the model with its component and parameter count, and the optimizer's
 * parameter groups with their hyperparameters and sizes.
 */
@Command(name = "describe", description = "Print the resolved assembly, each component's parameter count and the "
        + "optimizer's parameter groups.")
public final class DescribeCommand implements Callable<Integer> {
    private final AssemblyService assemblies;

    @Spec
    CommandSpec spec;

    @Mixin
    AssemblyArguments arguments;

    @Inject
    DescribeCommand(AssemblyService assemblies) {
        this.assemblies = assemblies;
    }

    @Override
    public Integer call() {
        ResolvedAssembly resolved = assemblies.resolve(arguments.assembly, arguments.overrides);
        PrintWriter out = spec.commandLine().getOut();
        out.print(ResolvedAssemblyWriter.toYaml(resolved));
        out.println();
        PrintWriter err = spec.commandLine().getErr();
        resolved.warnings().forEach(warning -> err.printf("warning: %s%n", warning));
        err.flush();
        try (NDManager manager = Engines.newManager("cpu");
             BuiltModel model = ModelBuilder.build(resolved, manager)) {
            Map<String, String> components = componentsByPart(resolved);
            Table table = new Table("PART", "COMPONENT", "PARAMETERS");
            model.counts().forEach((part, count) -> {
                if (!part.startsWith(BuiltModel.OBJECTIVE_PART)) {
                    table.row(part, components.getOrDefault(part, "-"), String.format("%,d", count));
                }
            });
            table.row("total", "", String.format("%,d", model.totalParameters()));
            // An objective's parameters train with the model but do not run at inference: listed after its total.
            model.counts().forEach((part, count) -> {
                if (part.startsWith(BuiltModel.OBJECTIVE_PART)) {
                    table.row(part, components.getOrDefault(part, "-"), String.format("%,d", count));
                }
            });
            table.print(out);
            out.println();
            Table groups = new Table("OPTIMIZER GROUP", "LR", "WEIGHT-DECAY", "PARAMETERS");
            ParameterGroups.of(resolved.train(), model).forEach(group -> groups.row(group.name(),
                    String.valueOf(group.config().learningRate()), String.valueOf(group.config().weightDecay()),
                    String.format("%,d", group.size())));
            groups.print(out);
        }
        return ExitCodes.OK;
    }

    /**
     * The component of each part the model counts: {@code pipeline}, a slot, {@code slot[i]} in a chain of several,
     * {@code shared:<name>} (with the slots that share it), {@code debiaser}, {@code objective:<name>}.
     */
    private static Map<String, String> componentsByPart(ResolvedAssembly resolved) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("pipeline", resolved.pipeline().component().name());
        resolved.slots().forEach((slot, chain) -> {
            for (int i = 0; i < chain.size(); i++) {
                parts.put(chain.size() == 1 ? slot : slot + "[" + i + "]", chain.get(i).component().name());
            }
        });
        resolved.shared().forEach((name, component) -> parts.put(BuiltModel.SHARED_PART + name,
                component.component().name() + " (slots " + String.join(", ", resolved.slotsSharing(name)) + ")"));
        resolved.debiaser().ifPresent(d -> parts.put("debiaser", d.component().name()));
        resolved.objectives().forEach(o -> parts.put(BuiltModel.OBJECTIVE_PART + o.name(),
                o.component().component().name()));
        return parts;
    }
}
