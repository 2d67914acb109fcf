package io.mosaic.runtime.cli;

/** The exit codes of {@code mosaic}. */
final class ExitCodes {
    static final int OK = 0;
    /** A run started and failed. */
    static final int RUN_FAILED = 1;
    /** The command line itself was wrong (picocli's own code). */
    static final int USAGE = 2;
    /** The assembly, or the data it names, cannot be used. */
    static final int INVALID = 3;
    /** {@code doctor} found problems. */
    static final int UNHEALTHY = 4;

    private ExitCodes() {
    }
}
