package io.mosaic.runtime.cli;

import io.mosaic.runtime.variants.Grid;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --vary KEY=V1,V2,...}: variants of the assemblies a command trains. */
final class VaryOption {

    @Option(names = "--vary", paramLabel = "KEY=V1,V2,...",
            description = "Train one variant per value of KEY, named by it (baseline[lr=1e-3]), with the same seeds and "
                    + "data; several --vary give every combination, the first values first. Values split at commas "
                    + "outside [], {} and quotes; KEY is addressed as --set addresses it (objectives.l1.weight).")
    List<String> options = new ArrayList<>();

    /** The grid of the options given, as a usage error when one is malformed or clashes with {@code overrides}. */
    Grid grid(CommandSpec spec, List<String> overrides) {
        try {
            return Grid.of(options, overrides);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
