package io.mosaic.api.component;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marks a Declarative Services component as a Mosaic component. Put it beside {@code @Component}; it becomes the
 * service properties {@code mosaic.component.kind} and {@code mosaic.component.name}. The component's version is
 * the version of the bundle that provides it.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MosaicComponent {
    /** Prefix of the generated service property names. */
    String PREFIX_ = "mosaic.component.";

    /** Service property holding {@link #kind()}. */
    String KIND_PROPERTY = PREFIX_ + "kind";

    /** Service property holding {@link #name()}. */
    String NAME_PROPERTY = PREFIX_ + "name";

    ComponentKind kind();

    /** The name assemblies use, lower-case words joined by hyphens ({@code gru}, {@code masked-mean-pool}). */
    String name();
}
