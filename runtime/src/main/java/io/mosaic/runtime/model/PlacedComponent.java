package io.mosaic.runtime.model;

import io.mosaic.runtime.registry.RegisteredComponent;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A component where an assembly placed it: in a slot of the pipeline ({@code text[1]} for the second encoder of a
 * chain), or without a slot as the pipeline itself or an objective.
 */
public record PlacedComponent(RegisteredComponent component, Optional<String> slot) {

    public static PlacedComponent inSlot(RegisteredComponent component, String slot) {
        return new PlacedComponent(component, Optional.of(slot));
    }

    public static PlacedComponent unslotted(RegisteredComponent component) {
        return new PlacedComponent(component, Optional.empty());
    }

    /** {@code encoder 'gru' (slot text[1], bundle io.mosaic.encoders 1.0.0)}, as failures name a component. */
    public String describe() {
        return component.kind().id() + " '" + component.name() + "' ("
                + slot.map(s -> "slot " + s + ", ").orElse("") + "bundle " + component.bundle() + " "
                + component.bundleVersion() + ")";
    }

    /**
     * Runs {@code call}, a call into this component's code, and blames on this component whatever exception or
     * error it throws, unless it is (or was caused by) the failure of another component, which stays that
     * component's: a pipeline whose fusion fails has not failed itself.
     *
     * @param phase what the call does, as in {@code failed in forward}
     */
    public <T> T attributing(String phase, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ComponentFailureException inner) {
                    throw inner;
                }
            }
            throw new ComponentFailureException(this, "failed in " + phase, e);
        }
    }
}
