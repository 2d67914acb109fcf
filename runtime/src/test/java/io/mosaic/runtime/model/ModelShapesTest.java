package io.mosaic.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import org.junit.jupiter.api.Test;

/**
 * Building a model checks what resolving cannot: whether each component takes the shapes the pipeline gives it.
 * {@code mosaic validate} builds the model this way, so a mismatch is reported at the line of the component's entry
 * before a run.
 */
class ModelShapesTest {
    private static final String BASELINE = """
            name: tiny
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: %s
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            """;

    @Test
    void aFusionThatCannotTakeThePipelinesShapesIsReportedAtItsLine() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "baseline-mct.yaml",
                BASELINE.formatted("{ use: mct }"));

        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelBuilder.build(assembly, root))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessageStartingWith("baseline-mct.yaml:8: fusion mct@0.1.0 (bundle io.mosaic.fusion) cannot "
                            + "be built: ");
            assertThat(((BaseNDManager) root).getManagedArrays()).isEmpty();
        }
    }

    @Test
    void aModelThatBuildsCountsItsParameters() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "baseline.yaml",
                BASELINE.formatted("concat"));

        try (NDManager root = NDManager.newBaseManager(); BuiltModel model = ModelBuilder.build(assembly, root)) {
            assertThat(model.totalParameters()).isPositive();
        }
    }
}
