package dev.glueorch.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.EventBusProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What an account needs so that another account's glue-orchestrator can run its Glue jobs: the role the
 * orchestrator's functions assume (an action's {@code RoleArn}) and a rule that sends the jobs' events back to the
 * orchestrator's bus.
 *
 * <p>The role trusts the orchestrator's account, limited by an {@code aws:PrincipalArn} condition to its four
 * function roles (a principal naming them would be refused by IAM until they exist), and by the external id when
 * one is given. It may start, read and stop only the named jobs of this account.
 */
public final class GlueOrchestratorRemoteAccess extends Construct {

    /** What the orchestrator does with a job here: start it, follow it (also to find a run it lost), stop it. */
    public static final List<String> GLUE_JOB_ACTIONS = List.of("glue:StartJobRun", "glue:GetJobRun",
            "glue:GetJobRuns", "glue:BatchStopJobRun");

    private final Role role;
    private final Role forwardRole;
    private final AlarmedDeadLetterQueue forwardDeadLetterQueue;
    private final Rule forwardRule;

    public GlueOrchestratorRemoteAccess(Construct scope, String id, GlueOrchestratorRemoteAccessProps props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String orchestratorAccount = props.getOrchestratorAccount();
        CrossAccount.requireNotOwnAccount(stack, List.of(orchestratorAccount), "orchestratorAccount",
                "deploy this stack to the account whose jobs the orchestrator starts, not to the orchestrator's");
        String region = props.getOrchestratorRegion() == null ? stack.getRegion() : props.getOrchestratorRegion();

        List<String> functionRoleArns = CrossAccount.roleArns(stack, orchestratorAccount,
                CrossAccount.functionRoleNames(props.getFunctionRoleNamePrefix()));
        this.role = Role.Builder.create(this, "Role")
                .roleName(props.getRoleName())
                .description("glue-orchestrator of account " + orchestratorAccount + ": starts, follows and stops "
                        + "the jobs " + String.join(", ", props.getJobNames()))
                .assumedBy(new AccountPrincipal(orchestratorAccount).withConditions(Map.of(
                        "ArnEquals", Map.of("aws:PrincipalArn", functionRoleArns))))
                .externalIds(props.getExternalId() == null ? null : List.of(props.getExternalId()))
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(GLUE_JOB_ACTIONS)
                .resources(GlueOrchestrator.glueArns(stack, "job", props.getJobNames()))
                .build());

        this.forwardDeadLetterQueue = new AlarmedDeadLetterQueue(this, "ForwardDeadLetterQueue",
                "the rule that forwards Glue job events to the orchestrator", props.getAlarmActions());
        NagSuppressions.addResourceSuppressions(forwardDeadLetterQueue.queue(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the dead-letter queue of the rule that forwards Glue job events to the "
                        + "orchestrator's bus (its target's DeadLetterConfig); a dead-letter queue of it would only "
                        + "move the same events again. Its alarm reports them.")
                .build()));
        IEventBus orchestratorBus = EventBus.fromEventBusArn(this, "OrchestratorEventBus",
                CrossAccount.eventBusArn(stack, orchestratorAccount, region, props.getOrchestratorEventBusName()));
        this.forwardRole = Role.Builder.create(this, "ForwardRole")
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("glue-orchestrator: puts the Glue job events of the orchestrated jobs on the bus of the "
                        + "orchestrator of account " + orchestratorAccount)
                .build();
        // This account's own events only: an event another account put on this bus is none of these jobs' runs.
        this.forwardRule = Rule.Builder.create(this, "ForwardRule")
                .description("Glue job events of the jobs the orchestrator of account " + orchestratorAccount
                        + " starts here, to its bus")
                .eventPattern(EventPattern.builder()
                        .source(List.of(GlueOrchestrator.GLUE_SOURCE))
                        .detailType(GlueOrchestrator.REMOTE_JOB_DETAIL_TYPES)
                        .account(List.of(stack.getAccount()))
                        .detail(Map.of("jobName", props.getJobNames()))
                        .build())
                // The EventBus target allows its role events:PutEvents on the orchestrator's bus, nothing else.
                .targets(List.of(new software.amazon.awscdk.services.events.targets.EventBus(orchestratorBus,
                        EventBusProps.builder()
                                .role(forwardRole)
                                .deadLetterQueue(forwardDeadLetterQueue.queue())
                                .build())))
                .build();
    }

    /** The role an action's {@code RoleArn} names. */
    public Role getRole() {
        return role;
    }

    /** The role EventBridge puts the Glue job events on the orchestrator's bus with. */
    public Role getForwardRole() {
        return forwardRole;
    }

    /** The rule on this account's default bus that forwards the named jobs' events. */
    public Rule getForwardRule() {
        return forwardRule;
    }

    /** Events the forward rule could not deliver to the orchestrator's bus. */
    public Queue getForwardDeadLetterQueue() {
        return forwardDeadLetterQueue.queue();
    }
}
