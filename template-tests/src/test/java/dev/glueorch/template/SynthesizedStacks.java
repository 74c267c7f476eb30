package dev.glueorch.template;

import dev.glueorch.infra.GlueOrchestrator;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awscdk.assertions.Template;

/**
 * Gives constructors and test methods of a {@link Synthesized} test class the stacks they assert on: a
 * {@link SynthesizedStack}, its {@link Template} or its {@link GlueOrchestrator} (of the app the parameter's or else
 * the class's {@code @Synthesized} names), or the {@link SynthesizedRemoteAccessStack}.
 *
 * <p>Each stack is synthesized once per test run, the first time a test asks for it, and kept in the root store, which
 * every test class of the run shares: synthesis is the slow part of these tests.
 */
final class SynthesizedStacks implements ParameterResolver {

    private static final ExtensionContext.Namespace STACKS = ExtensionContext.Namespace.create(SynthesizedStacks.class);
    private static final Set<Class<?>> RESOLVED = Set.of(SynthesizedStack.class, Template.class,
            GlueOrchestrator.class, SynthesizedRemoteAccessStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store stacks = context.getRoot().getStore(STACKS);
        Class<?> type = parameter.getParameter().getType();
        if (type == SynthesizedRemoteAccessStack.class) {
            return stacks.getOrComputeIfAbsent(SynthesizedRemoteAccessStack.class,
                    key -> SynthesizedRemoteAccessStack.synthesize(), SynthesizedRemoteAccessStack.class);
        }
        TestApp app = app(parameter, context);
        SynthesizedStack synthesized = stacks.getOrComputeIfAbsent(app, TestApp::synthesize, SynthesizedStack.class);
        if (type == Template.class) {
            return synthesized.template;
        }
        if (type == GlueOrchestrator.class) {
            return synthesized.stack.getOrchestrator();
        }
        return synthesized;
    }

    /** The app the parameter's {@code @Synthesized} names, else its test class's, else the test workflows. */
    private static TestApp app(ParameterContext parameter, ExtensionContext context) {
        return parameter.findAnnotation(Synthesized.class)
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Synthesized.class))
                .map(Synthesized::value)
                .orElse(TestApp.TEST_WORKFLOWS);
    }
}
