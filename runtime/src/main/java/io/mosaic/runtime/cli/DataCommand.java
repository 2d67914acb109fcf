package io.mosaic.runtime.cli;

import picocli.CommandLine.Command;

/** Groups the commands on data files; they need no OSGi framework. */
@Command(name = "data", description = "Write the testbed as a feature file, and inspect feature files.",
        subcommands = {DataInspectCommand.class, DataTestbedCommand.class})
public final class DataCommand {
}
