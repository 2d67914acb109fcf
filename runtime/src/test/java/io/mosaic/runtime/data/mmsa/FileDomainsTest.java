package io.mosaic.runtime.data.mmsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.TestbedFiles;
import io.mosaic.runtime.data.testbed.FrameLayout;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several feature files as domains: {@code data: { source: npz, files: [...], train-domains, test-domains }}. */
class FileDomainsTest {

    /** The npz source, counting which files it reads. */
    private static final class CountingNpz extends FeatureFileSource {
        private final NpzSource npz = new NpzSource();
        final List<String> read = new ArrayList<>();

        @Override
        public String name() {
            return npz.name();
        }

        @Override
        public String description() {
            return npz.description();
        }

        @Override
        Map<String, Map<String, Object>> readSplits(Path file) {
            read.add(String.valueOf(file.getFileName()));
            return npz.readSplits(file);
        }
    }

    @TempDir
    Path folder;
    private Path a;
    private Path b;
    private Path c;

    @BeforeEach
    void threeDatasets() {
        a = TestbedFiles.export(folder, "a.npz", 0);
        b = TestbedFiles.export(folder, "b.npz", 1);
        c = TestbedFiles.export(folder, "c.npz", 2);
    }

    private static Dataset open(FeatureFileSource source, List<Path> files, List<Integer> train, List<Integer> test) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("files", files.stream().map(Path::toString).toList());
        values.put("train-domains", train);
        values.put("test-domains", test);
        return source.open(Parameters.of(source.parameters(), values), 1);
    }

    private Dataset single(Path file) {
        return new NpzSource().open(Parameters.of(new NpzSource().parameters(), Map.of("file", file.toString())), 1);
    }

    @Test
    void sourcesTrainAndEachTargetIsTestedOnItsOwn() {
        Dataset data = open(new NpzSource(), List.of(a, b, c), List.of(0), List.of(1, 2));

        assertThat(data.description()).isEqualTo("npz a.npz, b.npz, c.npz (train domains [0], test domains [1, 2])");
        assertThat(data.splitNames()).containsExactly("train", "valid", "test");
        assertThat(data.domainTests()).containsExactly("source", "target-1", "target-2");
        Split train = data.split(Dataset.TRAIN);
        assertThat(train.size()).isEqualTo(TestbedFiles.SIZES.train());
        assertThat(data.split(Dataset.VALID).size()).isEqualTo(TestbedFiles.SIZES.valid());
        assertSameSample(train.sample(5), single(a).split(Dataset.TRAIN).sample(5), 0);
        assertSameSample(data.domainTest("source").sample(3), single(a).split(Dataset.TEST).sample(3), 0);
        assertSameSample(data.domainTest("target-2").sample(4), single(c).split(Dataset.TEST).sample(4), 2);
        Split test = data.split(Dataset.TEST);
        int perFile = TestbedFiles.SIZES.test();
        assertThat(test.size()).as("the targets' test splits, one after the other").isEqualTo(2 * perFile);
        assertSameSample(test.sample(1), single(b).split(Dataset.TEST).sample(1), 1);
        assertSameSample(test.sample(perFile + 4), single(c).split(Dataset.TEST).sample(4), 2);
    }

    private static void assertSameSample(Sample found, Sample inFile, int domain) {
        assertThat(found.id()).isEqualTo(domain + ":" + inFile.id());
        assertThat(found.domain()).isEqualTo(domain);
        assertThat(found.score()).isEqualTo(inFile.score());
        assertThat(found.tokenIds()).containsExactly(inFile.tokenIds());
        for (Modality modality : Modality.values()) {
            assertThat(found.frames(modality).values()).containsExactly(inFile.frames(modality).values());
        }
    }

    @Test
    void severalSourcesJoinTheirSplitsAndIdsStayApart() {
        Dataset data = open(new NpzSource(), List.of(a, b, c), List.of(0, 1), List.of(2));
        Split train = data.split(Dataset.TRAIN);

        assertThat(train.size()).isEqualTo(2 * TestbedFiles.SIZES.train());
        // Exports of one testbed share ids (train/0, ...): the domain prefix tells them apart.
        assertThat(train.sample(0).id()).isEqualTo("0:train/0");
        assertThat(train.sample(TestbedFiles.SIZES.train()).id()).isEqualTo("1:train/0");
        assertThat(data.domainTest("source").size()).isEqualTo(2 * TestbedFiles.SIZES.test());
        assertThat(data.domainTests()).containsExactly("source", "target-2");
    }

    @Test
    void targetFilesAreNotReadBeforeATestSplitIsAskedFor() {
        CountingNpz source = new CountingNpz();
        Dataset data = open(source, List.of(a, b, c), List.of(0), List.of(1, 2));
        for (String split : List.of(Dataset.TRAIN, Dataset.VALID)) {
            for (int i = 0; i < data.split(split).size(); i++) {
                data.split(split).sample(i);
            }
        }
        data.domainTest("source").sample(0);
        data.shapes();
        data.description();
        data.domainTests();

        assertThat(source.read).as("opened, trained, validated: the source alone").containsExactly("a.npz");
        data.domainTest("target-2").sample(0);
        assertThat(source.read).containsExactly("a.npz", "c.npz");
        data.split(Dataset.TEST).sample(0);
        data.domainTest("target-1");
        data.domainTest("target-2");
        assertThat(source.read).as("each file read once").containsExactly("a.npz", "c.npz", "b.npz");
    }

    @Test
    void aTargetThatIsAlsoASourceIsReadOnce() {
        CountingNpz source = new CountingNpz();
        Dataset data = open(source, List.of(a, b), List.of(), List.of());

        data.split(Dataset.TEST).sample(0);
        data.openHeldOut();

        assertThat(data.domainTests()).as("empty lists: every file").containsExactly("source", "target-0", "target-1");
        assertThat(source.read).containsExactly("a.npz", "b.npz");
    }

    @Test
    void filesWhoseWidthsDifferAreRefusedNamingThem() {
        TestbedConfig tiny = TestbedConfig.preset("tiny");
        TestbedConfig wide = new TestbedConfig("tiny-wide", tiny.splits(), tiny.domains(), tiny.minLengthFraction(),
                tiny.text(), tiny.audio(), new FrameLayout(24, 8, 2, 2), tiny.planting());
        Path w = TestbedFiles.export(folder, "wide.npz", 1, wide);
        String message = "files a.npz (domain 0) and wide.npz (domain 1) disagree on vision: 24 steps of width 6 "
                + "against 24 steps of width 8; every file of data.files needs the same steps and width per modality "
                + "(there is no per-domain projection)";

        assertThatThrownBy(() -> open(new NpzSource(), List.of(a, w), List.of(0, 1), List.of()))
                .as("a source").hasMessage(message);
        Dataset heldOut = open(new NpzSource(), List.of(a, w), List.of(0), List.of(1));
        assertThatThrownBy(heldOut::openHeldOut).as("a target, as validate opens it").hasMessage(message);
        assertThatThrownBy(() -> heldOut.split(Dataset.TEST)).as("a target, at the final evaluation")
                .hasMessage(message);
    }

    @Test
    void domainsMustBeFilesListedOnce() {
        assertThatThrownBy(() -> open(new NpzSource(), List.of(a, b, c), List.of(0), List.of(1, 3)))
                .isInstanceOfSatisfying(ParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("test-domains"))
                .hasMessage("parameter 'test-domains': domain 3 is not one of files, whose domains are 0 to 2");
        assertThatThrownBy(() -> open(new NpzSource(), List.of(a, b), List.of(1, 1), List.of(0)))
                .hasMessage("parameter 'train-domains': domain 1 is listed twice");
        Path missing = folder.resolve("missing.npz");
        assertThatThrownBy(() -> open(new NpzSource(), List.of(a, missing), List.of(0), List.of(1)))
                .as("checked up front, though a target is read only at the end")
                .hasMessage("parameter 'files': " + missing + " (domain 1): no such file");
        assertThatThrownBy(() -> open(new NpzSource(), List.of(a, folder), List.of(0), List.of(1)))
                .hasMessage("parameter 'files': " + folder + " (domain 1): not a regular file");
    }

    @Test
    void fileAndFilesAndSplitFilesDoNotMix() {
        NpzSource npz = new NpzSource();
        Map<String, Object> both = Map.of("file", a.toString(), "files", List.of(a.toString(), b.toString()));
        Map<String, Object> split = Map.of("files", List.of(a.toString()), "split-file", "s.yaml");
        Map<String, Object> oneFile = Map.of("file", a.toString(), "test-domains", List.of(0));

        assertThatThrownBy(() -> npz.open(Parameters.of(npz.parameters(), both), 1))
                .hasMessage("parameter 'files': give either file (one file) or files (several as domains), not both");
        assertThatThrownBy(() -> npz.open(Parameters.of(npz.parameters(), split), 1))
                .hasMessage("parameter 'split-file': repartitions a single file; with files, every file keeps its "
                        + "own train, valid and test splits");
        assertThatThrownBy(() -> npz.open(Parameters.of(npz.parameters(), oneFile), 1))
                .hasMessage("parameter 'test-domains': selects domains among files; a single file is one domain");
        assertThatThrownBy(() -> npz.open(Parameters.of(npz.parameters(), Map.of()), 1))
                .hasMessage("parameter 'file': missing; give the feature file (file: path) or several files as "
                        + "domains (files: [a, b, ...])");
    }
}
