package io.mosaic.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Out-of-range sizes are refused before any allocation, naming the component, its slot and the memory its
 * parameters would need.
 */
class ParameterBudgetTest {
    private static final String TINY = """
            name: tiny
            pipeline: baseline
            data: { source: testbed, preset: tiny }
            components:
              text: [ { use: pointwise-projection, dim: 32 }, { use: gru, hidden: %s, layers: %s }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - l1
            """;

    @AfterEach
    void clearTheBudget() {
        System.clearProperty(ParameterBudget.PROPERTY);
    }

    @Test
    void aBillionWideHiddenStateIsRefusedBeforeItsWeightIsAllocated() {
        System.setProperty(ParameterBudget.PROPERTY, "24g");
        ResolvedAssembly assembly = assembly("1000000000", "1");

        long start = System.nanoTime();
        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelBuilder.build(assembly, root))
                    .isInstanceOf(AssemblyException.class)
                    .hasMessage("tiny.yaml:5: encoder 'gru' (slot text[1]): its parameters would need at least 384 GB; "
                            + "mosaic.parameter.budget allows 26 GB");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void anOverBudgetModelFailsAtTheArrayThatPassesTheBudgetAndFreesWhatWasAllocated() {
        System.setProperty(ParameterBudget.PROPERTY, "1m");
        ResolvedAssembly assembly = assembly("300", "1");

        try (NDManager root = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ModelBuilder.build(assembly, root))
                    .hasMessage("tiny.yaml:5: encoder 'gru' (slot text[1]): its parameters would need at least 1.2 MB; "
                            + "mosaic.parameter.budget allows 1.0 MB");
            assertThat(((BaseNDManager) root).getManagedArrays()).isEmpty();
        }
    }

    @Test
    void aMillionGruLayersAreRefusedByTheSchemaBeforeDjlDeclaresThem() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> assembly("32", "1000000"))
                .isInstanceOf(AssemblyException.class)
                .hasMessage("tiny.yaml:5: components.text: encoder 'gru' parameter 'layers': value 1000000 is out of "
                        + "range [1, 64] (layers: integer [1, 64])");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedArrayIsNeverAllocatedAndArraysAfterTheBuildAreNotCounted() {
        ParameterBudget budget = new ParameterBudget(1000, "the test allows 1.0 kB");
        try (NDManager root = NDManager.newBaseManager()) {
            NDManager guarded = budget.guard(root);
            assertThatThrownBy(() -> guarded.zeros(new Shape(1000))).isInstanceOf(ParameterBudget.Exceeded.class);
            assertThat(((BaseNDManager) root).getManagedArrays()).isEmpty();

            budget.stopCounting();

            assertThat(guarded.zeros(new Shape(1000)).size()).isEqualTo(1000);
            assertThat(budget.used()).isZero();
        }
    }

    @Test
    void theDefaultBudgetIsAQuarterOfPhysicalMemory() {
        assertThatThrownBy(() -> ParameterBudget.ofThisMachine().reserve(Long.MAX_VALUE))
                .isInstanceOf(ParameterBudget.Exceeded.class);
        assertThat(ParameterBudget.ofThisMachine().refusal(1, 1)).containsPattern(
                "its parameters would need at least 1 bytes; this machine has \\d+ GB and training needs 4 times the "
                        + "parameters' size \\(weights, gradients, Adam's two moments\\): \\d+\\.?\\d* GB of "
                        + "parameters fit");
    }

    @Test
    void shapesAreMultipliedWithoutOverflow() {
        assertThat(ParameterBudget.bytesOf(new Object[] {new Shape(3_000_000_000L, 32)})).isEqualTo(384_000_000_000L);
        assertThat(ParameterBudget.bytesOf(new Object[] {new Shape(1L << 40, 1L << 30), DataType.FLOAT64}))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(ParameterBudget.bytesOf(new Object[] {new float[] {1f}})).isZero();
        assertThat(ParameterBudget.format(384_000_000_000L)).isEqualTo("384 GB");
        assertThat(ParameterBudget.format(Long.MAX_VALUE)).isEqualTo("more than 9 EB (beyond 64-bit arithmetic)");
    }

    private static ResolvedAssembly assembly(String hidden, String layers) {
        return Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY.formatted(hidden, layers));
    }
}
