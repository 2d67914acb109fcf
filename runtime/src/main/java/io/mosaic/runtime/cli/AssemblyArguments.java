package io.mosaic.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The assembly a command works on, and overrides of its values. */
final class AssemblyArguments {

    @Parameters(index = "0", paramLabel = "ASSEMBLY", description = "An installed assembly's name or a YAML file.")
    String assembly;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value of the assembly, e.g. --set train.epochs=3 --set data.preset=tiny.")
    List<String> overrides = new ArrayList<>();
}
