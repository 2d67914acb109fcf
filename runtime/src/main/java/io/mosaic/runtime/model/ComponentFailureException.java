package io.mosaic.runtime.model;

/**
 * A component failed while a model ran: its code threw, it returned a shape other than the one it declared, or it
 * produced NaN or infinity from finite inputs. The message names the component, its slot and its bundle.
 */
public final class ComponentFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PlacedComponent component;
    private final String failure;

    /**
     * @param failure what went wrong, after the component's name ({@code failed in forward})
     * @param cause   what the component threw, or {@code null}
     */
    public ComponentFailureException(PlacedComponent component, String failure, Throwable cause) {
        super(component.describe() + " " + failure + (cause == null ? "" : ": " + cause), cause);
        this.component = component;
        this.failure = failure;
    }

    /** The component that failed. */
    public PlacedComponent component() {
        return component;
    }

    /** What went wrong, without the component's name and the cause. */
    public String failure() {
        return failure;
    }
}
