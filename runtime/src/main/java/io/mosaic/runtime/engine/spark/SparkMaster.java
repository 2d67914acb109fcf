package io.mosaic.runtime.engine.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark master URL as Mosaic uses it: {@code local}, {@code local[N]}, {@code local[*]} (N runs at once in this
 * machine's driver process, each run in a worker process of its own) or a cluster's URL ({@code spark://host:7077},
 * {@code yarn}, {@code k8s://...}).
 *
 * @param url       as given
 * @param localRuns how many runs a local master trains at once; 0 for a cluster
 * @param retries   the attempts a local master gives a task ({@code local[N,F]}), or 0 where not given
 */
public record SparkMaster(String url, int localRuns, int retries) {
    /**
     * Two runs at once: each worker process holds a Mosaic runtime and a model (a GiB or more for the larger
     * assemblies), so one per core ({@code local[*]}) would run a many-core machine out of memory; a larger N is the
     * user's informed choice.
     */
    public static final String DEFAULT = "local[2]";
    /** The attempts a task gets (Spark's {@code spark.task.maxFailures}), the first included. */
    public static final int ATTEMPTS = 4;

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[0-9]{1,4})(?:,([0-9]{1,3}))?])?");
    private static final Pattern CLUSTER = Pattern.compile("[a-z][a-z0-9+.-]{0,30}(?:://\\S{1,500})?");

    /**
     * @param cores this machine's cores, which {@code local[*]} runs at once
     * @throws IllegalArgumentException naming the master and what was expected, for anything else
     */
    public static SparkMaster parse(String url, int cores) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--master is empty; expected local[N], local[*] or a cluster's URL "
                    + "such as spark://host:7077");
        }
        Matcher local = LOCAL.matcher(url);
        if (local.matches()) {
            int runs = local.group(1) == null ? 1 : local.group(1).equals("*") ? cores
                    : Integer.parseInt(local.group(1));
            if (runs < 1) {
                throw new IllegalArgumentException("--master " + url + ": a local master runs at least one run at "
                        + "once, found " + runs);
            }
            int retries = local.group(2) == null ? 0 : Integer.parseInt(local.group(2));
            if (local.group(2) != null && retries < 1) {
                throw new IllegalArgumentException("--master " + url + ": a task needs at least one attempt, found 0");
            }
            return new SparkMaster(url, runs, retries);
        }
        if (!url.startsWith("local") && CLUSTER.matcher(url).matches()) {
            return new SparkMaster(url, 0, 0);
        }
        throw new IllegalArgumentException("--master " + url.substring(0, Math.min(url.length(), 80)) + ": expected "
                + "local, local[N], local[*], local[N,F] or a cluster's URL such as spark://host:7077");
    }

    public static SparkMaster parse(String url) {
        return parse(url, Runtime.getRuntime().availableProcessors());
    }

    public boolean local() {
        return localRuns > 0;
    }

    /**
     * The URL Spark is given: a local master with its attempts per task ({@code local[N,F]}; a bare {@code local[N]}
     * tries a task once, so a worker process that died would fail the run), a cluster's as given (its attempts are
     * {@code spark.task.maxFailures}).
     */
    public String sparkUrl() {
        if (!local()) {
            return url;
        }
        return "local[" + localRuns + "," + (retries == 0 ? ATTEMPTS : retries) + "]";
    }

    /** The attempts a task gets. */
    public int attempts() {
        return local() && retries > 0 ? retries : ATTEMPTS;
    }

    /**
     * The engine threads of a run that leaves {@code backend.threads} at 0: a local master shares the machine's
     * {@code cores} among its runs at once; a cluster gives each task {@code spark.task.cpus} cores (1 unless set as
     * a {@code -Dspark.task.cpus} system property).
     */
    public int threadsPerRun(int cores) {
        if (local()) {
            return Math.max(1, cores / localRuns);
        }
        return Integer.getInteger("spark.task.cpus", 1);
    }
}
