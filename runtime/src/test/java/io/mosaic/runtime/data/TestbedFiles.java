package io.mosaic.runtime.data;

import io.mosaic.runtime.data.export.MmsaExport;
import io.mosaic.runtime.data.testbed.DomainSplit;
import io.mosaic.runtime.data.testbed.SplitSizes;
import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import java.nio.file.Path;
import java.util.List;

/** Small feature files for tests of several files as domains: exports of the {@code tiny} testbed. */
public final class TestbedFiles {
    /** Samples per split of each file. */
    public static final SplitSizes SIZES = new SplitSizes(40, 12, 10);

    private TestbedFiles() {
    }

    /**
     * {@code folder/name}, an export of {@code tiny} ({@code .npz} or {@code .pkl} by the name) whose every split
     * draws from testbed domain {@code domain}: the label prior and spurious signal of one dataset.
     */
    public static Path export(Path folder, String name, int domain) {
        return export(folder, name, domain, TestbedConfig.preset("tiny"));
    }

    /** As {@link #export(Path, String, int)}, from {@code config} (e.g. with other widths). */
    public static Path export(Path folder, String name, int domain, TestbedConfig config) {
        Path file = folder.resolve(name);
        TestbedConfig one = config.withSplits(SIZES).withDomainSplit(new DomainSplit(List.of(domain),
                List.of(domain)));
        MmsaExport.write(new Testbed(one, 1111), file, 1);
        return file;
    }
}
