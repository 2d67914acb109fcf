package io.mosaic.runtime.compare;

import java.util.List;

/**
 * Several assemblies trained with the same seeds on the same data: {@code comparison.json}.
 *
 * @param reference   the first assembly, which every other is tested against
 * @param seeds       the training seeds, the same for every assembly
 * @param dataSeed    the data seed, the same for every assembly
 * @param data        the data, as the reference's runs describe it
 * @param assemblies  in the order given, the reference first
 */
public record Comparison(String reference, List<Long> seeds, long dataSeed, String data, String task,
                         List<AssemblyComparison> assemblies) {
}
