package dev.glueorch.template;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a test class: its constructor and test methods get the synthesized stack of {@link #value()} (or its template or
 * orchestrator) as parameters, and the remote-access stack. On one parameter: that parameter comes from another app.
 * See {@link SynthesizedStacks}.
 */
@Target({ElementType.TYPE, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SynthesizedStacks.class)
@interface Synthesized {

    /** The app the parameters come from. */
    TestApp value() default TestApp.TEST_WORKFLOWS;
}
