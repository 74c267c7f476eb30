package dev.glueorch.template;

import java.util.Map;

/**
 * The apps the template tests share, each synthesized at most once per test run by {@link SynthesizedStacks}: a
 * synthesis takes seconds (the first, which also starts jsii's Node process, about fifteen) and its template is
 * immutable.
 */
enum TestApp {

    /** The test workflows ({@code src/test/resources/workflows}), with no further context. */
    TEST_WORKFLOWS("workflows", Map.of()),

    /**
     * The cross-account test workflows ({@code fan-in-hourly}: conditions on two upstream accounts, actions through
     * three roles in two accounts), trusting {@link SynthesizedStack#TRUSTED_ACCOUNTS} and feeding
     * {@link SynthesizedStack#FED_ACCOUNT}.
     */
    CROSS_ACCOUNT("cross-account-workflows", Map.of(
            "trustedAccounts", String.join(",", SynthesizedStack.TRUSTED_ACCOUNTS),
            "fedAccounts", SynthesizedStack.FED_ACCOUNT));

    private final String workflows;
    private final Map<String, String> context;

    TestApp(String workflows, Map<String, String> context) {
        this.workflows = workflows;
        this.context = context;
    }

    /** Synthesizes this app's stack; {@link SynthesizedStacks} calls it once per test run. */
    SynthesizedStack synthesize() {
        return SynthesizedStack.of(SynthesizedStack.resource(workflows), context);
    }
}
