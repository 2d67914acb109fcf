package io.mosaic.runtime.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Asks SCR which components of which bundles failed, so that errors can name them. */
public final class ComponentDiagnostics {

    private ComponentDiagnostics() {
    }

    /** Every component configuration that failed to activate or waits for a missing reference. */
    public static List<ComponentFailure> failures(BundleContext context) {
        List<ComponentFailure> failures = new ArrayList<>();
        Optional<ServiceReference<ServiceComponentRuntime>> reference = Optional.ofNullable(
                context.getServiceReference(ServiceComponentRuntime.class));
        if (reference.isEmpty()) {
            return failures;
        }
        ServiceComponentRuntime scr = context.getService(reference.get());
        try {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    failureOf(description, configuration).ifPresent(failures::add);
                }
            }
        } finally {
            context.ungetService(reference.get());
        }
        return failures;
    }

    /** The failure of {@code configuration} of {@code description}, if it failed or waits. */
    static Optional<ComponentFailure> failureOf(ComponentDescriptionDTO description,
                                                ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> Optional.of(failure(description, "failed activation",
                    firstLine(configuration.failure)));
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> Optional.of(failure(description,
                    "unsatisfied reference", missingReferences(configuration)));
            default -> Optional.empty();
        };
    }

    private static ComponentFailure failure(ComponentDescriptionDTO description, String state, String message) {
        return new ComponentFailure(description.bundle.symbolicName, Version.parseVersion(description.bundle.version),
                description.name, state, message, description.properties == null ? Map.of() : description.properties);
    }

    private static String missingReferences(ComponentConfigurationDTO configuration) {
        List<String> missing = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            missing.add(reference.name + (reference.target == null ? "" : " " + reference.target));
        }
        return "waits for " + String.join(", ", missing);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason recorded";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
