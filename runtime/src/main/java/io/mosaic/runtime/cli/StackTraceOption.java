package io.mosaic.runtime.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code --stacktrace}: a failure also prints its stack trace, so that a plugin's author gets its file and line. */
final class StackTraceOption {
    static final String NAME = "--stacktrace";

    @Option(names = NAME, description = "On failure, also print the stack trace (a run folder keeps it in "
            + "failure.txt).")
    boolean requested;

    /** Whether {@code parseResult}'s command or one of its subcommands was given {@value #NAME}. */
    static boolean requested(ParseResult parseResult) {
        for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption(NAME)) {
                return true;
            }
        }
        return false;
    }
}
