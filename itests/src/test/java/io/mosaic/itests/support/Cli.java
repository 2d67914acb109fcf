package io.mosaic.itests.support;

import io.mosaic.runtime.cli.MosaicCli;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code mosaic} command lines inside this JVM, each against a freshly booted runtime, capturing its output. */
public final class Cli {

    private Cli() {
    }

    /** The outcome of one command line. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    public static Result run(RuntimeOptions options, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true)) {
            exitCode = MosaicCli.execute(options, outWriter, errWriter, args);
        }
        return new Result(exitCode, out.toString(), err.toString());
    }
}
