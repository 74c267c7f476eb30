package dev.glueorch.cli.ops;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the {@link Deployment} it declares as a parameter of its constructor, a test method or a lifecycle
 * method ({@code @ExtendWith(Deployments.class)}), and closes it when that scope ends.
 *
 * <p>A constructor or per-test parameter gets a fresh deployment for each test (its own table), shared by the
 * constructor, the {@code @BeforeEach} methods and the test; a {@code @BeforeAll} parameter gets one for the whole
 * class, which the class's tests then share. The deployment lives in the scope's {@link ExtensionContext.Store},
 * which closes it as an {@link AutoCloseable} after the scope's {@code @AfterEach} or {@code @AfterAll} methods.
 */
public final class Deployments implements ParameterResolver {

    private static final ExtensionContext.Namespace DEPLOYMENTS = ExtensionContext.Namespace.create(Deployments.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Deployment.class;
    }

    @Override
    public Deployment resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // A store answers with its parents' values too: a test of a class that deployed in @BeforeAll gets that one
        return context.getStore(DEPLOYMENTS).getOrComputeIfAbsent(Deployment.class, key -> new Deployment(),
                Deployment.class);
    }

    /** A constructor parameter is resolved in the test's scope, not the class's: one deployment per test. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }
}
