package dev.glueorch.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The deployable stack: one {@link GlueOrchestrator} and the outputs operators and the CLI look up. */
public final class GlueOrchestratorStack extends Stack {

    private final GlueOrchestrator orchestrator;

    public GlueOrchestratorStack(Construct scope, String id, StackProps stackProps, GlueOrchestratorProps props) {
        super(scope, id, stackProps);
        this.orchestrator = new GlueOrchestrator(this, "Orchestrator", props);

        output("TableName", orchestrator.getTable().getTableName(), "The orchestrator's DynamoDB table");
        output("EventBusName", orchestrator.getEventBus().getEventBusName(), "The orchestrator's event bus");
        output("EventBusArn", orchestrator.getEventBus().getEventBusArn(), "The orchestrator's event bus ARN");
        output("GlueEventFunctionName", orchestrator.getGlueEventFunction().getFunctionName(),
                "Function handling Glue job and crawler state changes and job run delays");
        output("GlueEventAliasArn", orchestrator.getGlueEventAlias().getFunctionArn(),
                "The live alias EventBridge invokes for Glue events");
        output("ScheduleTickFunctionName", orchestrator.getScheduleTickFunction().getFunctionName(),
                "Function handling the every-minute schedule tick");
        output("ScheduleTickAliasArn", orchestrator.getScheduleTickAlias().getFunctionArn(),
                "The live alias EventBridge invokes every minute");
        output("ReconcileFunctionName", orchestrator.getReconcileFunction().getFunctionName(),
                "Function reconciling active workflow runs with Glue");
        output("ReconcileAliasArn", orchestrator.getReconcileAlias().getFunctionArn(),
                "The live alias EventBridge invokes on the reconcile schedule");
        output("OperationsFunctionName", orchestrator.getOperationsFunction().getFunctionName(),
                "Function starting, stopping, getting and backfilling workflow runs for AWS services");
        output("OperationsAliasArn", orchestrator.getOperationsAlias().getFunctionArn(),
                "The live alias of the operations function: callers need lambda:InvokeFunction on this ARN");
        output("GlueEventDeadLetterQueueUrl", orchestrator.getGlueEventDeadLetterQueue().getQueueUrl(),
                "Glue events the event function failed on");
        output("ScheduleTickDeadLetterQueueUrl", orchestrator.getScheduleTickDeadLetterQueue().getQueueUrl(),
                "Ticks the tick function failed on");
        output("ReconcileDeadLetterQueueUrl", orchestrator.getReconcileDeadLetterQueue().getQueueUrl(),
                "Reconciles the reconcile function failed on");
        output("RuleDeadLetterQueueUrl", orchestrator.getRuleDeadLetterQueue().getQueueUrl(),
                "Events EventBridge could not deliver to a function or the notification topic");
        output("NotificationTopicArn", orchestrator.getNotificationTopic().getTopicArn(),
                "Notifications: run delayed, not started, timed out, failed; action start failed; partition missing");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public GlueOrchestrator getOrchestrator() {
        return orchestrator;
    }
}
