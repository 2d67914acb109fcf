package io.mosaic.runtime.cli;

/** The exit codes of {@code mosaic}. */
final class ExitCodes {
    static final int OK = 0;
    /** A run started and failed, or the process was made to exit ({@code System.exit}) during a run. */
    static final int RUN_FAILED = 1;
    /** The command line itself was wrong (picocli's own code). */
    static final int USAGE = 2;
    /** The assembly, or the data it names, cannot be used. */
    static final int INVALID = 3;
    /** {@code doctor} found problems. */
    static final int UNHEALTHY = 4;
    /**
     * A run was stopped at a step boundary, {@code run.json} {@code interrupted}: 128 + the signal's number, as
     * shells report it (130 for Ctrl-C; SIGTERM gives 143 and SIGHUP 129, see {@link ProcessStops}).
     */
    static final int STOPPED = 130;

    private ExitCodes() {
    }
}
