package dev.glueorch.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The deployable stack for an account whose Glue jobs another account's orchestrator starts: one
 * {@link GlueOrchestratorRemoteAccess}, and the role ARN that the actions' {@code RoleArn} gives.
 */
public final class GlueOrchestratorRemoteAccessStack extends Stack {

    private final GlueOrchestratorRemoteAccess remoteAccess;

    public GlueOrchestratorRemoteAccessStack(Construct scope, String id, StackProps stackProps,
                                             GlueOrchestratorRemoteAccessProps props) {
        super(scope, id, stackProps);
        this.remoteAccess = new GlueOrchestratorRemoteAccess(this, "RemoteAccess", props);

        CfnOutput.Builder.create(this, "RoleArn")
                .value(remoteAccess.getRole().getRoleArn())
                .description("The RoleArn of the actions that start this account's jobs")
                .build();
        CfnOutput.Builder.create(this, "ForwardDeadLetterQueueUrl")
                .value(remoteAccess.getForwardDeadLetterQueue().getQueueUrl())
                .description("Glue job events that could not be delivered to the orchestrator's bus")
                .build();
    }

    public GlueOrchestratorRemoteAccess getRemoteAccess() {
        return remoteAccess;
    }
}
