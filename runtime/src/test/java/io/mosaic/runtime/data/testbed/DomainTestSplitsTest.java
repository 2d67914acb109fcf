package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** meld-like's domain generalisation settings: the source domains' test split and each target domain's. */
class DomainTestSplitsTest {
    private static final TestbedSource SOURCE = new TestbedSource();

    private static Dataset meldLike(List<Integer> train, List<Integer> test) {
        return SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("preset", "meld-like", "train-domains", train,
                "test-domains", test)), 1111);
    }

    @Test
    void eachTargetDomainIsItsPartOfTheTestSplit() {
        Dataset data = meldLike(List.of(0), List.of(3, 4));
        Split test = data.split(Dataset.TEST);
        Split target3 = data.domainTest("target-3");
        Split target4 = data.domainTest("target-4");

        assertThat(data.domainTests()).containsExactly("source", "target-3", "target-4");
        assertThat(target3.size() + target4.size()).isEqualTo(test.size());
        assertThat(target3.size()).as("about half of 800 each").isBetween(340, 460);
        Set<String> ids = new HashSet<>();
        for (Split target : List.of(target3, target4)) {
            for (int i = 0; i < Math.min(target.size(), 40); i++) {
                ids.add(target.sample(i).id());
            }
        }
        assertThat(ids).as("no sample in both").hasSize(80);
        for (int i = 0; i < 40; i++) {
            assertThat(target3.sample(i).domain()).isEqualTo(3);
            assertThat(target4.sample(i).domain()).isEqualTo(4);
        }
        assertThat(target3.sample(0).id()).as("a test sample, as test gives it")
                .startsWith("test/");
    }

    @Test
    void theSourceTestSplitDrawsFromTheSourceDomainsOnly() {
        Dataset data = meldLike(List.of(0, 1, 2), List.of(3, 4));
        Split source = data.domainTest("source");

        assertThat(source.size()).isEqualTo(data.split(Dataset.TEST).size());
        Set<Integer> domains = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            Sample sample = source.sample(i);
            assertThat(sample.id()).isEqualTo("source/" + i);
            domains.add(sample.domain());
        }
        assertThat(domains).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void theDomainsOfSamplesAreKnownWithoutGeneratingThem() {
        TestbedSplit test = (TestbedSplit) meldLike(List.of(0), List.of(1, 2, 3, 4)).split(Dataset.TEST);

        for (int i = 0; i < 30; i++) {
            assertThat(test.domain(i)).isEqualTo(test.sample(i).domain());
        }
    }

    @Test
    void dataWithoutADomainShiftHasNoDomainTests() {
        Dataset every = SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("preset", "tiny")), 1111);

        assertThat(every.domainTests()).isEmpty();
        assertThatThrownBy(() -> every.domainTest("source")).hasMessageContaining("has no domain test split "
                + "'source'");
        assertThat(meldLike(List.of(0), List.of(3, 4)).splitNames()).as("what exports write")
                .containsExactly("train", "valid", "test");
    }
}
