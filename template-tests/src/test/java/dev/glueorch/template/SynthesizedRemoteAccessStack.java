package dev.glueorch.template;

import dev.glueorch.infra.GlueOrchestratorApp;
import dev.glueorch.infra.GlueOrchestratorRemoteAccessStack;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The app in its remote-access mode, synthesized as {@code cdk synth -c remoteAccessFor=... -c remoteJobs=...
 * -c externalId=...} does it (cdk-nag included): the stack for an account whose jobs another account's orchestrator
 * starts.
 */
final class SynthesizedRemoteAccessStack {

    /** The account of the orchestrator that starts the jobs. */
    static final String ORCHESTRATOR_ACCOUNT = "222222222222";
    static final List<String> JOBS = List.of("archive-orders", "compact-orders");
    static final String EXTERNAL_ID = "orders-consumer";

    final GlueOrchestratorRemoteAccessStack stack;
    final Template template;
    final Annotations annotations;

    private SynthesizedRemoteAccessStack() {
        App app = new App(AppProps.builder().context(Map.of(
                "remoteAccessFor", ORCHESTRATOR_ACCOUNT,
                // Out of order and with blanks, as typed on a command line: the stack sorts them.
                "remoteJobs", "compact-orders, archive-orders",
                "externalId", EXTERNAL_ID)).build());
        this.stack = GlueOrchestratorApp.createRemoteAccess(app);
        this.template = Template.fromStack(stack);
        this.annotations = Annotations.fromStack(stack);
    }

    /** Synthesizes the stack; tests get it as a parameter, synthesized once per test run ({@link Synthesized}). */
    static SynthesizedRemoteAccessStack synthesize() {
        return new SynthesizedRemoteAccessStack();
    }

    String logicalId(IConstruct construct) {
        return SynthesizedStack.logicalId(stack, construct);
    }

    Map<String, Object> arnOf(IConstruct construct) {
        return SynthesizedStack.arnOf(stack, construct);
    }

    Map<String, Object> refOf(IConstruct construct) {
        return SynthesizedStack.refOf(stack, construct);
    }
}
