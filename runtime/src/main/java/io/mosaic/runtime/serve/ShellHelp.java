package io.mosaic.runtime.serve;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@code mosaic:help} shows a shell command. Gogo's own {@code @Descriptor} cannot serve: its API stays in the
 * Gogo bundle, out of the host's reach (see {@code MosaicRuntime}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ShellHelp {
    /** The command as typed, e.g. {@code mosaic:status [JOB]}. */
    String usage();

    /** What it does, in one or two sentences. */
    String value();
}
