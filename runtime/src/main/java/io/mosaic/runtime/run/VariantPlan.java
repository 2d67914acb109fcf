package io.mosaic.runtime.run;

import java.util.List;

/**
 * The variants of a seed group run with {@code --vary}: {@code variants.json}, written before the first variant trains
 * and checked when the group resumes. Each variant is a seed group of its own, in its folder under the group.
 *
 * @param variants in the order they train, the first with every varied key's first value
 */
public record VariantPlan(List<Entry> variants) {

    public VariantPlan {
        variants = List.copyOf(variants);
    }

    /**
     * One variant.
     *
     * @param variant  its name, {@code baseline[lr=1e-3]}
     * @param group    its seed group's folder, relative to the plan's folder
     * @param settings the {@code key.path=value} overrides that make it, laid over the command's {@code --set}
     */
    public record Entry(String variant, String group, List<String> settings) {

        public Entry {
            settings = List.copyOf(settings);
        }
    }
}
