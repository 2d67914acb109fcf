package io.mosaic.runtime.compare;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * Several assemblies trained with the same seeds on the same data: {@code comparison.json}.
 *
 * @param reference   the first assembly, which every other is tested against
 * @param seeds       the training seeds, the same for every assembly
 * @param dataSeed    the data seed, the same for every assembly
 * @param data        the data, as the reference's runs describe it
 * @param assemblies  in the order given, the reference first
 * @param pValueWarning why the p-values are a weak guide, when there are fewer than {@link #SEEDS_FOR_P_VALUES}
 *                      seeds; else {@code null}
 * @param failed     the assemblies a run of which failed, with the runs' errors, in the order given; not in
 *                   {@code assemblies}. Written only when there is one, so that a comparison whose runs all completed
 *                   has the same file as before.
 */
public record Comparison(String reference, List<Long> seeds, long dataSeed, String data, String task,
                         List<AssemblyComparison> assemblies, String pValueWarning,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FailedAssembly> failed) {
    /** The fewest seeds whose paired t-test is read without a warning. */
    public static final int SEEDS_FOR_P_VALUES = 5;

    public Comparison {
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** A comparison whose assemblies all completed. */
    public Comparison(String reference, List<Long> seeds, long dataSeed, String data, String task,
                      List<AssemblyComparison> assemblies, String pValueWarning) {
        this(reference, seeds, dataSeed, data, task, assemblies, pValueWarning, List.of());
    }

    /** This comparison with {@code failed} listed as the assemblies that failed. */
    public Comparison withFailed(List<FailedAssembly> failed) {
        return new Comparison(reference, seeds, dataSeed, data, task, assemblies, pValueWarning, failed);
    }

    /** A comparison with the warning its number of seeds calls for. */
    public Comparison(String reference, List<Long> seeds, long dataSeed, String data, String task,
                      List<AssemblyComparison> assemblies) {
        this(reference, seeds, dataSeed, data, task, assemblies, seeds.size() >= SEEDS_FOR_P_VALUES ? null
                : String.format(Locale.ROOT, "p-values from %d seed%s are a weak guide: a paired t-test on fewer "
                        + "than %d seeds has little power and leans on normality; use --seeds %d or more",
                        seeds.size(), seeds.size() == 1 ? "" : "s", SEEDS_FOR_P_VALUES, SEEDS_FOR_P_VALUES));
    }
}
