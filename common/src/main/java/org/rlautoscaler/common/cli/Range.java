package org.rlautoscaler.common.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The accepted range of a numeric option, both ends included. {@link Cli} checks it after
 * parsing, whether the value came from a flag or from the environment, and a value outside it
 * ends the program with status 2 and a message that names the option and this range.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Range {
    /** Smallest accepted value. */
    double min();

    /** Largest accepted value. */
    double max() default Double.MAX_VALUE;
}
