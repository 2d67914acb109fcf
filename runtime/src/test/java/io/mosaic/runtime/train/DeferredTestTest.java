package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train.select.test: deferred}: the run neither reads nor evaluates the test split, and
 * {@link Trainer#evaluateSelected} later evaluates its selected checkpoint exactly as a run that tests at its end
 * does. The median stopping rule, carried in the assembly, ends a run whose best is worse than the curve's.
 */
class DeferredTestTest {

    @TempDir
    Path runs;

    /** The dataset of {@code resolved}, recording every split it is asked for. */
    private static final class Recording implements Dataset {
        private final Dataset data;
        final List<String> asked = new ArrayList<>();

        Recording(Dataset data) {
            this.data = data;
        }

        @Override
        public String description() {
            return data.description();
        }

        @Override
        public Map<Modality, FeatureShape> shapes() {
            return data.shapes();
        }

        @Override
        public int vocabulary() {
            return data.vocabulary();
        }

        @Override
        public List<String> splitNames() {
            return data.splitNames();
        }

        @Override
        public Set<Modality> unimodalLabels() {
            return data.unimodalLabels();
        }

        @Override
        public Split split(String name) {
            asked.add(name);
            return data.split(name);
        }
    }

    private static ResolvedAssembly assembly(String... overrides) {
        return Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TinyBaseline.YAML, overrides);
    }

    private static ResolvedAssembly withData(ResolvedAssembly a, Dataset data) {
        return new ResolvedAssembly(a.assembly(), a.pipeline(), a.shared(), a.slots(), a.objectives(), a.debiaser(),
                a.views(), a.sweeps(), a.sweepMetrics(), a.dataSource(), a.dataParameters(), a.dataSeed(), data,
                a.dataSpec(), a.metrics(), a.train(), a.taps(), a.device(), a.threads(), a.warnings());
    }

    @Test
    void aDeferredRunNeverAsksForTheTestSplitAndIsEvaluatedLaterAsAtItsEnd() {
        ResolvedAssembly deferred = assembly("train.epochs=3", "train.select.test=deferred");
        Recording data = new Recording(deferred.dataset());
        ResolvedAssembly recorded = withData(deferred, data);
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        TrainingResult trained;
        TrainingResult evaluated;
        TrainingResult atEnd;
        try (NDManager root = NDManager.newBaseManager()) {
            trained = new Trainer(TrainingListener.SILENT).train(recorded, folder, root, false);
        }
        assertThat(trained.test()).isEmpty();
        assertThat(data.asked).contains(Dataset.TRAIN, Dataset.VALID).doesNotContain(Dataset.TEST);

        try (NDManager root = NDManager.newBaseManager()) {
            evaluated = new Trainer(TrainingListener.SILENT).evaluateSelected(recorded, folder, root);
        }
        assertThat(data.asked.stream().filter(Dataset.TEST::equals).count()).as("the test split, once").isEqualTo(1);
        try (NDManager root = NDManager.newBaseManager()) {
            atEnd = new Trainer(TrainingListener.SILENT).train(assembly("train.epochs=3"),
                    RunFolder.create(runs, "tiny", LocalDateTime.now()), root, false);
        }
        assertThat(evaluated.test().orElseThrow().metrics().asMap())
                .isEqualTo(atEnd.test().orElseThrow().metrics().asMap());
        assertThat(evaluated.test().orElseThrow().predictions()).isEqualTo(atEnd.test().orElseThrow().predictions());
        assertThat(evaluated.valid().metrics().asMap()).isEqualTo(trained.valid().metrics().asMap());
        assertThat(evaluated.state().bestEpoch()).isEqualTo(atEnd.state().bestEpoch());
    }

    private TrainingState trained(String... overrides) {
        try (NDManager root = NDManager.newBaseManager()) {
            return new Trainer(TrainingListener.SILENT).train(assembly(overrides), RunFolder.create(runs, "tiny",
                    LocalDateTime.now()), root, false).state();
        }
    }

    @Test
    void theMedianRuleInTheAssemblyStopsARunBelowItsCurve() {
        // MAE is at least 0: a curve of zeros is one no run's best reaches, so it stops after the first epoch the
        // rule may stop after; a curve of 100s never stops it (patience 0 trains every epoch).
        assertThat(trained("train.epochs=5", "train.patience=0", "train.select.median-curve=[0, 0, 0, 0, 0]",
                "train.select.median-from=2").epoch()).isEqualTo(2);
        assertThat(trained("train.epochs=5", "train.patience=0", "train.select.median-curve=[100, 100, 100, 100, 100]",
                "train.select.median-from=2").epoch()).isEqualTo(5);
        assertThat(trained("train.epochs=5", "train.patience=0", "train.select.median-curve=[100, 100, 0]",
                "train.select.median-from=1").epoch()).as("epochs past the curve stop nothing").isEqualTo(3);
    }
}
