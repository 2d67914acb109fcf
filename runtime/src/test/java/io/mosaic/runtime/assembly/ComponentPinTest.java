package io.mosaic.runtime.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.encoders.recurrent.GruFactory;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** The component versions a resolved assembly file records, read back from the file. */
class ComponentPinTest {
    private static final String FILE = "runs/tiny/assembly.resolved.yaml";
    private static final Version V0_1 = new Version(0, 1, 0);

    @Test
    void everyUseWithABundleIsReadInTheOrderOfTheFileAndTheOptimizerIsNot() {
        String written = ResolvedAssemblyWriter.toYaml(Assemblies.resolve(InstalledComponents.builtIn(),
                "experiments/tiny.yaml", """
                        name: tiny
                        pipeline: baseline
                        data: { source: testbed, preset: tiny }
                        components:
                          text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                          audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                          vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                          fusion: concat
                          head: { use: mlp, hidden: [8] }
                        objectives:
                          - l1
                        evaluate:
                          sweeps:
                            - { use: rmfm, rates: [0.0, 0.5] }
                        """));

        List<ComponentPin> pins = ComponentPin.read(FILE, written);

        assertThat(pins).extracting(ComponentPin::toString).containsExactly(
                "baseline 0.1.0 of bundle io.mosaic.models",
                "gru 0.1.0 of bundle io.mosaic.encoders", "masked-mean-pool 0.1.0 of bundle io.mosaic.encoders",
                "gru 0.1.0 of bundle io.mosaic.encoders", "masked-mean-pool 0.1.0 of bundle io.mosaic.encoders",
                "gru 0.1.0 of bundle io.mosaic.encoders", "masked-mean-pool 0.1.0 of bundle io.mosaic.encoders",
                "concat 0.1.0 of bundle io.mosaic.fusion", "mlp 0.1.0 of bundle io.mosaic.fusion",
                "l1 0.1.0 of bundle io.mosaic.losses", "rmfm 0.1.0 of bundle io.mosaic.runtime");
    }

    @Test
    void aPinMatchesTheComponentOfItsNameBundleAndVersionAlone() {
        ComponentPin pin = new ComponentPin("gru", V0_1, "io.mosaic.encoders");

        assertThat(pin.matches(gru("io.mosaic.encoders", V0_1))).isTrue();
        assertThat(pin.matches(gru("io.mosaic.encoders", new Version(0, 1, 1)))).isFalse();
        assertThat(pin.matches(gru("org.example.encoders", V0_1))).isFalse();
    }

    @Test
    void aUseThatNamesARangeIsRefusedAtItsLine() {
        String text = """
                name: tiny
                pipeline: { use: "baseline@[0.1.0,0.1.0]", bundle: io.mosaic.models }
                components:
                  fusion: { use: "concat@[0.1,1.0)", bundle: io.mosaic.fusion }
                """;

        assertThatThrownBy(() -> ComponentPin.read(FILE, text)).isInstanceOf(AssemblyException.class)
                .hasMessage(FILE + ":4: use: 'concat@[0.1,1.0)' is not pinned to one version; a resolved assembly "
                        + "names each component as name@=version");
    }

    private static RegisteredComponent gru(String bundle, Version version) {
        return new RegisteredComponent(ComponentKind.ENCODER, "gru", bundle, version, 1L, new GruFactory());
    }
}
