package io.mosaic.runtime.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** What SCR reports of a failed component becomes a failure that names its bundle, version and Mosaic name. */
class ComponentDiagnosticsTest {

    @Test
    void aFailedActivationKeepsTheFirstLineOfItsReasonAndTheDeclaredMosaicName() {
        ComponentConfigurationDTO configuration = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        configuration.failure = "java.lang.IllegalStateException: no GPU found\n\tat org.example.Exploding.activate";

        ComponentFailure failure = ComponentDiagnostics.failureOf(description(), configuration).orElseThrow();

        assertThat(failure).isEqualTo(new ComponentFailure("org.example.plugin", new Version(2, 1, 0),
                "org.example.Exploding", "failed activation", "java.lang.IllegalStateException: no GPU found",
                description().properties));
        assertThat(failure.declares(ComponentKind.ENCODER, "exploding")).isTrue();
        assertThat(failure.declares(ComponentKind.FUSION, "exploding")).isFalse();
        assertThat(failure.declares(ComponentKind.ENCODER, "gru")).isFalse();
        assertThat(failure).hasToString("component org.example.Exploding of bundle org.example.plugin "
                + "2.1.0: failed activation (java.lang.IllegalStateException: no GPU found)");
    }

    @Test
    void anActiveComponentIsNoFailure() {
        assertThat(ComponentDiagnostics.failureOf(description(), configuration(ComponentConfigurationDTO.ACTIVE)))
                .isEmpty();
    }

    private static ComponentDescriptionDTO description() {
        BundleDTO bundle = new BundleDTO();
        bundle.symbolicName = "org.example.plugin";
        bundle.version = "2.1.0";
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.bundle = bundle;
        description.name = "org.example.Exploding";
        description.properties = Map.of(MosaicComponent.KIND_PROPERTY, "ENCODER", MosaicComponent.NAME_PROPERTY,
                "exploding");
        return description;
    }

    private static ComponentConfigurationDTO configuration(int state) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.state = state;
        return configuration;
    }
}
