package dev.glueorch.infra;

import dev.glueorch.contract.FunctionEnvironment;
import dev.glueorch.contract.EventTypes;
import dev.glueorch.engine.OrchestratorEvent;
import dev.glueorch.model.Definitions;
import dev.glueorch.store.DefinitionItems;
import dev.glueorch.store.TableDesign;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.Logging;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The glue-orchestrator on AWS: a reusable L3 construct.
 *
 * <p>It creates the single DynamoDB table, the orchestrator's EventBridge bus, four Java 21 functions with SnapStart
 * (one for Glue job/crawler state changes and job run delays, one for the every-minute schedule tick, one for the
 * reconciler, one for the operations other AWS services request) invoked through their
 * {@value OrchestratorFunction#ALIAS_NAME} alias, the EventBridge rules on the
 * default bus, the notification topic fed by a rule on the orchestrator's bus, a dead-letter queue with an alarm for
 * every asynchronous path, least-privilege roles, and custom resources that write the definitions version into the
 * table at deploy time (the version items first, then the current pointer).
 *
 * <p>The operations function (start, stop, get and backfill workflow runs) is invoked synchronously, with IAM
 * permission only: it has no resource-based policy, no function URL and no dead-letter queue; callers get
 * {@code lambda:InvokeFunction} on its alias through {@link #grantInvokeOperations(IGrantable)} or their own policy.
 *
 * <p>The definitions decide the scope: rules match, and IAM policies allow, exactly the Glue jobs and crawlers that
 * the triggers' actions name, never a wildcard.
 *
 * <p>Across accounts, the bus admits "Action Completed" events from the trusted accounts and Glue job events from the
 * accounts that actions start jobs in through a {@code RoleArn}, each by a resource policy statement conditioned on
 * the events' source and detail-type, and rules route them to the Glue event function. A trusted account's "Action
 * Completed" is admitted only from that account's forward role, {@code <trustedFunctionRoleNamePrefix>-forward}, as
 * a rule forwards it: no other principal of the account can put one. The orchestrator's own "Action Completed"
 * events go to each fed account's bus by a rule that matches only events of this account, with the forward role
 * {@code <functionRoleNamePrefix>-forward}: an event received from another orchestrator is never sent on, so no
 * chain of orchestrators can loop.
 */
public final class GlueOrchestrator extends Construct {

    public static final String GLUE_EVENT_HANDLER = "dev.glueorch.handler.GlueEventHandler::handleRequest";
    public static final String SCHEDULE_TICK_HANDLER = "dev.glueorch.handler.ScheduleTickHandler::handleRequest";
    public static final String RECONCILE_HANDLER = "dev.glueorch.handler.ReconcileHandler::handleRequest";
    /** {@code {"Operation": "StartWorkflowRun"|"StopWorkflowRun"|"GetWorkflowRun"|"Backfill", "Name": ...}}. */
    public static final String OPERATIONS_HANDLER = "dev.glueorch.handler.OperationsHandler::handleRequest";

    /**
     * TransactWriteItems is no IAM action: DynamoDB authorizes each operation of a transaction as PutItem,
     * UpdateItem, DeleteItem or ConditionCheckItem, which are all here.
     */
    public static final List<String> TABLE_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem",
            "dynamodb:ConditionCheckItem");
    public static final List<String> GLUE_JOB_ACTIONS = List.of("glue:StartJobRun", "glue:GetJobRun",
            "glue:BatchStopJobRun");
    public static final List<String> GLUE_CRAWLER_ACTIONS = List.of("glue:StartCrawler", "glue:GetCrawler");
    /**
     * The reconciler's and the operations function's only extra right: list a job's runs to find the one Glue started
     * with a given argument.
     */
    public static final List<String> GLUE_JOB_RUN_LOOKUP_ACTIONS = List.of("glue:GetJobRuns");

    /** Glue's NotifyDelayAfter event: a job run still running after its notification delay. */
    public static final String JOB_RUN_STATUS_DETAIL_TYPE = EventTypes.GLUE_JOB_RUN_STATUS;
    /** The Glue job events a remote account forwards for the jobs this orchestrator starts there. */
    public static final List<String> REMOTE_JOB_DETAIL_TYPES = List.of(EventTypes.GLUE_JOB_STATE_CHANGE,
            JOB_RUN_STATUS_DETAIL_TYPE);
    /** The orchestrator's event that another account's conditions listen to. */
    public static final String ACTION_COMPLETED_DETAIL_TYPE = EventTypes.ACTION_COMPLETED;
    /** Glue's event source. */
    public static final String GLUE_SOURCE = EventTypes.GLUE_SOURCE;
    /** All a function needs to start, watch and stop a job in another account: the role of that account. */
    public static final List<String> ASSUME_ROLE_ACTIONS = List.of("sts:AssumeRole");

    /** The states after which a job run can satisfy a condition (Glue's JobRunState values). */
    public static final List<String> JOB_STATES = List.of("SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED");
    /** Crawler events say Started / Succeeded / Failed (not the condition's CrawlState spelling). */
    public static final List<String> CRAWLER_STATES = List.of("Started", "Succeeded", "Failed");

    /** The custom resource type of the items that hold the definitions in the table. */
    public static final String DEFINITIONS_RESOURCE_TYPE = "Custom::GlueOrchestratorDefinitions";

    private final Table table;
    private final EventBus eventBus;
    private final OrchestratorFunction glueEventFunction;
    private final OrchestratorFunction scheduleTickFunction;
    private final OrchestratorFunction reconcileFunction;
    private final OrchestratorFunction operationsFunction;
    private final StartWorkers startWorkers;
    private final AlarmedDeadLetterQueue ruleDeadLetterQueue;
    private final Rule jobStateRule;
    private final Rule jobRunStatusRule;
    private final Rule crawlerStateRule;
    private final Rule scheduleTickRule;
    private final Rule reconcileRule;
    private final Key notificationKey;
    private final Topic notificationTopic;
    private final Rule notificationRule;
    private final List<AwsCustomResource> definitionVersionItems = new ArrayList<>();
    private final AwsCustomResource currentDefinitionsPointer;
    private final Rule trustedActionCompletedRule;
    private final Map<String, Rule> remoteJobEventRules = new LinkedHashMap<>();
    private final Map<String, Rule> forwardRules = new LinkedHashMap<>();
    private final Role forwardRole;

    /**
     * @param props the definitions in them are validated already, by the one validator: job and crawler names hold
     *              no IAM wildcard
     * @throws MissingLambdaPackageException when {@code props.getLambdaPackage()} is not a file
     */
    public GlueOrchestrator(Construct scope, String id, GlueOrchestratorProps props) {
        super(scope, id);
        Definitions definitions = props.getDefinitions();
        Set<String> remoteActionAccounts = definitions.remoteActionAccounts();
        requireOtherAccounts(props, remoteActionAccounts);
        Code code = lambdaCode(props.getLambdaPackage());

        this.table = createTable(props);
        this.eventBus = EventBus.Builder.create(this, "EventBus")
                .eventBusName(props.getEventBusName())
                .description("glue-orchestrator events: workflow runs and actions started and completed, notifications")
                .build();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionEnvironment.TABLE_NAME, table.getTableName());
        environment.put(FunctionEnvironment.EVENT_BUS_NAME, eventBus.getEventBusName());
        environment.put(FunctionEnvironment.EVENT_BUS_ARN, eventBus.getEventBusArn());
        environment.put(FunctionEnvironment.ACCOUNT_ID, Aws.ACCOUNT_ID);
        environment.put(FunctionEnvironment.TRUSTED_ACCOUNTS, String.join(",", props.getTrustedAccounts()));
        environment.put(FunctionEnvironment.HISTORY_TTL_DAYS, Integer.toString(props.getHistoryTtlDays()));
        environment.put("POWERTOOLS_SERVICE_NAME", "glue-orchestrator");
        environment.put("POWERTOOLS_METRICS_NAMESPACE", "GlueOrchestrator");
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");
        // C1 only: the handlers are short-lived, so startup beats peak throughput (AWS's Java cold-start advice).
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        this.startWorkers = new StartWorkers(this, "StartWorkers", code, environment, props);
        environment.put(FunctionEnvironment.START_QUEUE_URL, startWorkers.getQueue().getQueueUrl());

        this.glueEventFunction = new OrchestratorFunction(this, "GlueEvent", new OrchestratorFunction.Spec(
                GLUE_EVENT_HANDLER, "glue-orchestrator: Glue job and crawler state changes, job run delays",
                Duration.seconds(60), 2, Duration.hours(6), CrossAccount.GLUE_EVENT_ROLE_SUFFIX), code, environment,
                props);
        // A tick is worth little once the next one is due; the reconciler catches up on missed slots.
        this.scheduleTickFunction = new OrchestratorFunction(this, "ScheduleTick", new OrchestratorFunction.Spec(
                SCHEDULE_TICK_HANDLER, "glue-orchestrator: every-minute schedule tick",
                Duration.seconds(120), 1, Duration.minutes(5), CrossAccount.SCHEDULE_TICK_ROLE_SUFFIX), code,
                environment, props);
        // The next reconcile supersedes a failed one; fifteen minutes leave room for one retry after a run that
        // used its whole five-minute timeout.
        this.reconcileFunction = new OrchestratorFunction(this, "Reconcile", new OrchestratorFunction.Spec(
                RECONCILE_HANDLER, "glue-orchestrator: reconciler of active workflow runs, every "
                + props.getReconcileIntervalMinutes() + " min",
                Duration.minutes(5), 1, Duration.minutes(15), CrossAccount.RECONCILE_ROLE_SUFFIX), code, environment,
                props);
        // Invoked synchronously only (Step Functions' lambda:invoke, ...): the caller gets the error, so the function
        // has no dead-letter queue and its alias no async settings; access is IAM-only (grantInvokeOperations).
        this.operationsFunction = new OrchestratorFunction(this, "Operations", OrchestratorFunction.Spec.synchronous(
                OPERATIONS_HANDLER, "glue-orchestrator: start, stop, get and backfill workflow runs for AWS services",
                Duration.seconds(60), CrossAccount.OPERATIONS_ROLE_SUFFIX), code, environment, props);
        for (OrchestratorFunction function : List.of(glueEventFunction, scheduleTickFunction, reconcileFunction,
                operationsFunction, startWorkers.worker())) {
            grantLeastPrivilege(function, definitions);
        }
        startWorkers.grantSendSlots(scheduleTickFunction.role(), reconcileFunction.role());
        if (!definitions.jobNames().isEmpty()) {
            for (OrchestratorFunction function : List.of(reconcileFunction, operationsFunction)) {
                function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(GLUE_JOB_RUN_LOOKUP_ACTIONS)
                        .resources(glueArns("job", definitions.jobNames()))
                        .build());
            }
        }

        this.ruleDeadLetterQueue = new AlarmedDeadLetterQueue(this, "RuleDeadLetterQueue",
                "the EventBridge rule targets", props.getAlarmActions());
        // cdk-nag recognises a Lambda DeadLetterConfig or an SQS redrive as "is a DLQ", not an EventBridge target's.
        NagSuppressions.addResourceSuppressions(ruleDeadLetterQueue.queue(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the dead-letter queue of the EventBridge rule targets (their DeadLetterConfig); "
                        + "a dead-letter queue of a dead-letter queue would only move the same events again. Its "
                        + "alarm reports them.")
                .build()));
        this.jobStateRule = definitions.jobNames().isEmpty() ? null : Rule.Builder.create(this, "JobStateRule")
                .description("Glue job runs of the orchestrated jobs that reached a final state")
                .eventPattern(EventPattern.builder()
                        .source(List.of(GLUE_SOURCE))
                        .detailType(List.of(EventTypes.GLUE_JOB_STATE_CHANGE))
                        .detail(Map.of("jobName", List.copyOf(definitions.jobNames()), "state", JOB_STATES))
                        .build())
                .targets(List.of(glueEventTarget()))
                .build();
        // A rule of its own, so that the job state rule's state filter stays exact: delay events carry no final state.
        this.jobRunStatusRule = definitions.jobNames().isEmpty() ? null : Rule.Builder.create(this, "JobRunStatusRule")
                .description("Glue job runs of the orchestrated jobs that ran past their notification delay")
                .eventPattern(EventPattern.builder()
                        .source(List.of(GLUE_SOURCE))
                        .detailType(List.of(JOB_RUN_STATUS_DETAIL_TYPE))
                        .detail(Map.of("jobName", List.copyOf(definitions.jobNames())))
                        .build())
                .targets(List.of(glueEventTarget()))
                .build();
        this.crawlerStateRule = definitions.crawlerNames().isEmpty() ? null
                : Rule.Builder.create(this, "CrawlerStateRule")
                .description("Crawls of the orchestrated crawlers that started or ended")
                .eventPattern(EventPattern.builder()
                        .source(List.of(GLUE_SOURCE))
                        .detailType(List.of(EventTypes.GLUE_CRAWLER_STATE_CHANGE))
                        .detail(Map.of("crawlerName", List.copyOf(definitions.crawlerNames()),
                                "state", CRAWLER_STATES))
                        .build())
                .targets(List.of(glueEventTarget()))
                .build();
        this.scheduleTickRule = Rule.Builder.create(this, "ScheduleTickRule")
                .description("Every minute: start due SCHEDULED triggers")
                .schedule(Schedule.rate(Duration.minutes(1)))
                .targets(List.of(scheduledTarget(scheduleTickFunction)))
                .build();
        this.reconcileRule = Rule.Builder.create(this, "ReconcileRule")
                .description("Every " + props.getReconcileIntervalMinutes()
                        + " min: reconcile active workflow runs with Glue (missed events, delays, timeouts)")
                .schedule(Schedule.rate(Duration.minutes(props.getReconcileIntervalMinutes())))
                .targets(List.of(scheduledTarget(reconcileFunction)))
                .build();

        this.notificationKey = createNotificationKey();
        this.notificationTopic = Topic.Builder.create(this, "NotificationTopic")
                .displayName("glue-orchestrator notifications")
                .masterKey(notificationKey)
                .enforceSsl(true)
                .build();
        props.getNotificationEmails().forEach(email -> notificationTopic.addSubscription(new EmailSubscription(email)));
        this.notificationRule = Rule.Builder.create(this, "NotificationRule")
                .description("glue-orchestrator notifications (run delayed, not started, timed out, failed; action "
                        + "start failed) to the notification topic")
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(OrchestratorEvent.SOURCE))
                        .detailType(OrchestratorEvent.NOTIFICATION_DETAIL_TYPES)
                        .build())
                // A late notification still tells the operator something: retry for EventBridge's maximum of a day.
                .targets(List.of(SnsTopic.Builder.create(notificationTopic)
                        .deadLetterQueue(ruleDeadLetterQueue.queue())
                        .retryAttempts(185)
                        .maxEventAge(Duration.hours(24))
                        .build()))
                .build();

        admitCrossAccountEvents(props, remoteActionAccounts);
        this.trustedActionCompletedRule = props.getTrustedAccounts().isEmpty() ? null
                : Rule.Builder.create(this, "TrustedActionCompletedRule")
                .description("\"Action Completed\" events of the orchestrators of the trusted accounts, to the Glue "
                        + "event function (remote conditions)")
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(OrchestratorEvent.SOURCE))
                        .detailType(List.of(ACTION_COMPLETED_DETAIL_TYPE))
                        .account(props.getTrustedAccounts())
                        .build())
                .targets(List.of(glueEventTarget()))
                .build();
        // A rule per account, so that each matches only the jobs started in that account.
        for (String account : remoteActionAccounts) {
            remoteJobEventRules.put(account, Rule.Builder.create(this, "RemoteJobEventsRule" + account)
                    .description("Glue job events that account " + account + " forwards for the jobs started there "
                            + "through a RoleArn, to the Glue event function")
                    .eventBus(eventBus)
                    .eventPattern(EventPattern.builder()
                            .source(List.of(GLUE_SOURCE))
                            .detailType(REMOTE_JOB_DETAIL_TYPES)
                            .account(List.of(account))
                            .detail(Map.of("jobName", List.copyOf(definitions.remoteJobNames(account))))
                            .build())
                    .targets(List.of(glueEventTarget()))
                    .build());
        }
        this.forwardRole = props.getFedAccounts().isEmpty() ? null : createForwardRole(props);
        props.getFedAccounts().forEach(account -> forwardActionCompletedTo(account, props));

        this.currentDefinitionsPointer = writeDefinitions(definitions);
    }

    /** Only where the stack's account is known at synth; else CloudFormation resolves it and nothing can compare. */
    private void requireOtherAccounts(GlueOrchestratorProps props, Set<String> remoteActionAccounts) {
        Stack stack = Stack.of(this);
        CrossAccount.requireNotOwnAccount(stack, props.getTrustedAccounts(), "trustedAccounts",
                "the orchestrator's own events need no trust, list only upstream orchestrators' accounts");
        CrossAccount.requireNotOwnAccount(stack, props.getFedAccounts(), "fedAccounts",
                "forwarding the bus's events to itself would loop, list only downstream orchestrators' accounts");
        CrossAccount.requireNotOwnAccount(stack, remoteActionAccounts, "an action's RoleArn",
                "this account's Glue events reach the default bus, not the orchestrator's: leave RoleArn out to start "
                        + "the job directly");
    }

    /**
     * The bus's resource policy, one statement per account and kind of event, each limited to the events' source and
     * detail-type: another account may put exactly what this orchestrator listens to, nothing else. It is the bus's
     * own {@code Policy}, written with the bus in one step, rather than a resource per statement that
     * CloudFormation would put concurrently.
     *
     * <p>"Action Completed" satisfies conditions here, so a trusted account may put it only through its
     * orchestrator's forward role. The role is named in an {@code aws:PrincipalArn} condition under the account
     * principal, not as the principal: a role principal must exist when the policy is saved (this bus is deployed
     * before the upstream stack that creates the role) and is pinned to the role's unique id, so a re-created role
     * would silently lose the trust.
     */
    private void admitCrossAccountEvents(GlueOrchestratorProps props, Set<String> remoteActionAccounts) {
        Stack stack = Stack.of(this);
        // Formatted, not the bus's Arn attribute: a resource's property cannot reference the resource itself.
        String busArn = CrossAccount.eventBusArn(stack, stack.getAccount(), stack.getRegion(),
                props.getEventBusName());
        List<PolicyStatement> statements = new ArrayList<>();
        for (String account : props.getTrustedAccounts()) {
            Map<String, Object> conditions = eventsOf(OrchestratorEvent.SOURCE, List.of(ACTION_COMPLETED_DETAIL_TYPE));
            conditions.put("ArnEquals", Map.of("aws:PrincipalArn", CrossAccount.roleArns(stack, account, List.of(
                    CrossAccount.forwardRoleName(props.getTrustedFunctionRoleNamePrefix()))).get(0)));
            // EventBridge sets events:eventBusInvocation to true only when a rule sends the event to a bus in
            // another account, false on a PutEvents call: the forward role's session cannot put one directly.
            conditions.put("Bool", Map.of("events:eventBusInvocation", "true"));
            statements.add(putEventsFrom(busArn, account, "ActionCompletedFrom" + account, conditions));
        }
        for (String account : remoteActionAccounts) {
            statements.add(putEventsFrom(busArn, account, "GlueJobEventsFrom" + account,
                    eventsOf(GLUE_SOURCE, REMOTE_JOB_DETAIL_TYPES)));
        }
        if (!statements.isEmpty()) {
            ((CfnEventBus) eventBus.getNode().getDefaultChild()).setPolicy(PolicyDocument.Builder.create()
                    .statements(statements)
                    .build());
        }
    }

    /** EventBridge's own condition keys for the events a PutEvents call carries: their source and detail-type. */
    private static Map<String, Object> eventsOf(String source, List<String> detailTypes) {
        Map<String, Object> conditions = new TreeMap<>();
        conditions.put("StringEquals", new TreeMap<>(Map.of(
                "events:source", source,
                "events:detail-type", detailTypes)));
        return conditions;
    }

    private static PolicyStatement putEventsFrom(String busArn, String account, String sid,
                                                 Map<String, Object> conditions) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new AccountPrincipal(account)))
                .actions(List.of("events:PutEvents"))
                .resources(List.of(busArn))
                .conditions(conditions)
                .build();
    }

    /**
     * One role for every fed account, with a fixed name, because each fed account's bus names it in its policy
     * ({@code aws:PrincipalArn}) and can only know it by convention: {@code <functionRoleNamePrefix>-forward}. The
     * EventBus targets allow it events:PutEvents on each fed bus's ARN, and nothing else.
     */
    private Role createForwardRole(GlueOrchestratorProps props) {
        return Role.Builder.create(this, "ForwardRole")
                .roleName(CrossAccount.forwardRoleName(props.getFunctionRoleNamePrefix()))
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("glue-orchestrator: puts this orchestrator's \"Action Completed\" events on the buses of "
                        + "accounts " + String.join(", ", props.getFedAccounts()))
                .build();
    }

    /**
     * The pattern's {@code account} is this stack's: events this orchestrator received from another account keep
     * that account, so they are never forwarded, and A → B → A cannot loop whatever the fed accounts say.
     */
    private void forwardActionCompletedTo(String account, GlueOrchestratorProps props) {
        Stack stack = Stack.of(this);
        String region = props.getFedRegion() == null ? stack.getRegion() : props.getFedRegion();
        IEventBus fedBus = EventBus.fromEventBusArn(this, "FedEventBus" + account,
                CrossAccount.eventBusArn(stack, account, region, props.getFedEventBusName()));
        Rule rule = Rule.Builder.create(this, "ForwardActionCompletedRule" + account)
                .description("This orchestrator's own \"Action Completed\" events to the orchestrator of account "
                        + account)
                .eventBus(eventBus)
                .eventPattern(EventPattern.builder()
                        .source(List.of(OrchestratorEvent.SOURCE))
                        .detailType(List.of(ACTION_COMPLETED_DETAIL_TYPE))
                        .account(List.of(stack.getAccount()))
                        .build())
                .targets(List.of(new software.amazon.awscdk.services.events.targets.EventBus(fedBus,
                        software.amazon.awscdk.services.events.targets.EventBusProps.builder()
                                .role(forwardRole)
                                .deadLetterQueue(ruleDeadLetterQueue.queue())
                                .build())))
                .build();
        forwardRules.put(account, rule);
    }

    private static Code lambdaCode(Path lambdaPackage) {
        if (!Files.isRegularFile(lambdaPackage)) {
            throw new MissingLambdaPackageException(lambdaPackage);
        }
        return Code.fromAsset(lambdaPackage.toAbsolutePath().toString());
    }

    private LambdaFunction scheduledTarget(OrchestratorFunction function) {
        return LambdaFunction.Builder.create(function.alias())
                .deadLetterQueue(ruleDeadLetterQueue.queue())
                .retryAttempts(2)
                .maxEventAge(Duration.minutes(5))
                .build();
    }

    /**
     * EventBridge cannot publish to a topic encrypted with the AWS-managed {@code alias/aws/sns} key: that key's policy
     * admits only principals of the account, and EventBridge publishes as the events.amazonaws.com service. So the
     * topic gets a customer-managed key; the SnsTopic target adds the key policy statement that lets EventBridge use
     * it, beside its sns:Publish statement in the topic policy.
     */
    private Key createNotificationKey() {
        return Key.Builder.create(this, "NotificationKey")
                .description("glue-orchestrator: encrypts the notification topic")
                .enableKeyRotation(true)
                // SNS keeps no message once delivered, so nothing outlives the stack that the key would decrypt.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    private Table createTable(GlueOrchestratorProps props) {
        Table created = Table.Builder.create(this, "Table")
                .tableName(props.getTableName())
                .partitionKey(stringAttribute(TableDesign.PK))
                .sortKey(stringAttribute(TableDesign.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(TableDesign.TTL_ATTRIBUTE)
                .encryption(TableEncryption.AWS_MANAGED)
                // Run history and definitions outlive a stack deletion; delete the table by hand if meant.
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableDesign.GSI1)
                .partitionKey(stringAttribute(TableDesign.GSI1_PK))
                .sortKey(stringAttribute(TableDesign.GSI1_SK))
                .projectionType(ProjectionType.ALL)
                .build());
        // Sparse: only runs not yet finished carry GSI2PK, so the reconciler reads exactly those, keys only.
        created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableDesign.GSI2)
                .partitionKey(stringAttribute(TableDesign.GSI2_PK))
                .sortKey(stringAttribute(TableDesign.GSI2_SK))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
        // Sparse: only items with events EventBridge has not accepted yet (their outbox) carry GSI3PK, so the
        // reconciler finds what to send again without a scan. One index added per deployment, as DynamoDB allows.
        created.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableDesign.GSI3)
                .partitionKey(stringAttribute(TableDesign.GSI3_PK))
                .sortKey(stringAttribute(TableDesign.GSI3_SK))
                .projectionType(ProjectionType.KEYS_ONLY)
                .build());
        return created;
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private LambdaFunction glueEventTarget() {
        // Glue sends each state change once (best effort): keep retrying for EventBridge's maximum of a day.
        return LambdaFunction.Builder.create(glueEventFunction.alias())
                .deadLetterQueue(ruleDeadLetterQueue.queue())
                .retryAttempts(185)
                .maxEventAge(Duration.hours(24))
                .build();
    }

    private void grantLeastPrivilege(OrchestratorFunction function, Definitions definitions) {
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(TABLE_ACTIONS)
                .resources(List.of(table.getTableArn(), table.getTableArn() + "/index/" + TableDesign.GSI1,
                        table.getTableArn() + "/index/" + TableDesign.GSI2,
                        table.getTableArn() + "/index/" + TableDesign.GSI3))
                .build());
        // Every function starts actions: the event function for CONDITIONAL triggers, the tick for SCHEDULED ones,
        // the reconciler for those whose start was missed, the operations function for the runs it starts; it also
        // stops them.
        if (!definitions.jobNames().isEmpty()) {
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(GLUE_JOB_ACTIONS)
                    .resources(glueArns("job", definitions.jobNames()))
                    .build());
        }
        if (!definitions.crawlerNames().isEmpty()) {
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(GLUE_CRAWLER_ACTIONS)
                    .resources(glueArns("crawler", definitions.crawlerNames()))
                    .build());
        }
        eventBus.grantPutEventsTo(function.role());
        if (!definitions.remoteRoleArns().isEmpty()) {
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(ASSUME_ROLE_ACTIONS)
                    .resources(List.copyOf(definitions.remoteRoleArns()))
                    .build());
        }
    }

    private List<String> glueArns(String resourceType, Set<String> names) {
        return glueArns(Stack.of(this), resourceType, names);
    }

    /** The ARNs of the named Glue jobs or crawlers ({@code resourceType} "job", "crawler") of {@code stack}. */
    static List<String> glueArns(Stack stack, String resourceType, Collection<String> names) {
        return names.stream().map(name -> stack.formatArn(ArnComponents.builder()
                .service("glue")
                .resource(resourceType)
                .resourceName(name)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build())).toList();
    }

    /**
     * One PutItem per workflow of the version, then the current pointer, which depends on all of them: handlers
     * never see a pointer to a version that is not completely written. Versions are immutable, so nothing is
     * deleted when the stack is updated or deleted (the table is retained).
     */
    private AwsCustomResource writeDefinitions(Definitions definitions) {
        AwsCustomResourcePolicy putItemOnTable = AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
                .resources(List.of(table.getTableArn()))
                .build());
        for (Map<String, String> item : DefinitionItems.versionItems(definitions)) {
            String workflow = item.get(DefinitionItems.WORKFLOW_NAME);
            definitionVersionItems.add(putItem("Workflow-" + workflow, item,
                    "definitions/" + definitions.version() + "/" + workflow, putItemOnTable));
        }
        AwsCustomResource pointer = pointTo(definitions, putItemOnTable);
        definitionVersionItems.forEach(pointer.getNode()::addDependency);
        suppressCustomResourceProviderFindings();
        return pointer;
    }

    /**
     * The current pointer is updated, not put: only its Version changes, so the triggers operators deactivated
     * (kept on the same item) stay deactivated across deployments.
     */
    private AwsCustomResource pointTo(Definitions definitions, AwsCustomResourcePolicy policy) {
        AwsSdkCall call = AwsSdkCall.builder()
                .service("DynamoDB")
                .action("UpdateItem")
                .parameters(Map.of("TableName", table.getTableName(),
                        "Key", Map.of(DefinitionItems.PK, Map.of("S", DefinitionItems.PARTITION),
                                DefinitionItems.SK, Map.of("S", DefinitionItems.CURRENT)),
                        "UpdateExpression", "SET #version = :version",
                        "ExpressionAttributeNames", Map.of("#version", DefinitionItems.VERSION),
                        "ExpressionAttributeValues", Map.of(":version", Map.of("S", definitions.version()))))
                .physicalResourceId(PhysicalResourceId.of("definitions/current/" + definitions.version()))
                .build();
        return AwsCustomResource.Builder.create(this, "CurrentDefinitions")
                .resourceType(DEFINITIONS_RESOURCE_TYPE)
                .onCreate(call)
                .onUpdate(call)
                .policy(policy)
                .installLatestAwsSdk(false)
                .build();
    }

    private AwsCustomResource putItem(String id, Map<String, String> item, String physicalId,
                                      AwsCustomResourcePolicy policy) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        item.forEach((name, value) -> attributes.put(name, Map.of("S", value)));
        AwsSdkCall call = AwsSdkCall.builder()
                .service("DynamoDB")
                .action("PutItem")
                .parameters(Map.of("TableName", table.getTableName(), "Item", attributes))
                .physicalResourceId(PhysicalResourceId.of(physicalId))
                // The definitions are not secret, but whole workflow documents would only clutter the logs.
                .logging(Logging.withDataHidden())
                .build();
        return AwsCustomResource.Builder.create(this, id)
                .resourceType(DEFINITIONS_RESOURCE_TYPE)
                .onCreate(call)
                .onUpdate(call)
                .policy(policy)
                // The SDK in the Lambda runtime has PutItem; downloading one at deploy time needs the internet.
                .installLatestAwsSdk(false)
                .build();
    }

    /** The AwsCustomResource provider is a stack-wide singleton function that CDK creates and configures. */
    private void suppressCustomResourceProviderFindings() {
        Stack stack = Stack.of(this);
        String provider = stack.getNode().getPath() + "/AWS679f53fac002430cb0da5b7982bd2287";
        NagSuppressions.addResourceSuppressionsByPath(stack, provider + "/ServiceRole/Resource", List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("CDK's AwsCustomResource provider role uses AWSLambdaBasicExecutionRole to write its "
                                + "own logs; its table access is the separate PutItem-on-the-table policy.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AWSLambdaBasicExecutionRole"))
                        .build()));
    }

    /** The start queue, its dead-letter queue and the start workers the tick hands due schedule slots to. */
    public StartWorkers getStartWorkers() {
        return startWorkers;
    }

    /** The single table: definitions, workflow runs and statistics, job-run correlation, claims. */
    public Table getTable() {
        return table;
    }

    /** The bus the orchestrator puts its own events on. */
    public EventBus getEventBus() {
        return eventBus;
    }

    /** Handles "Glue Job State Change", "Glue Job Run Status" and "Glue Crawler State Change" events. */
    public Function getGlueEventFunction() {
        return glueEventFunction.function();
    }

    /** The alias EventBridge invokes for Glue events. */
    public Alias getGlueEventAlias() {
        return glueEventFunction.alias();
    }

    /** Handles the every-minute schedule tick. */
    public Function getScheduleTickFunction() {
        return scheduleTickFunction.function();
    }

    /** The alias EventBridge invokes every minute. */
    public Alias getScheduleTickAlias() {
        return scheduleTickFunction.alias();
    }

    /** Reconciles active workflow runs with Glue: missed events, delays, timeouts, starts to retry. */
    public Function getReconcileFunction() {
        return reconcileFunction.function();
    }

    /** The alias EventBridge invokes every {@code reconcileIntervalMinutes}. */
    public Alias getReconcileAlias() {
        return reconcileFunction.alias();
    }

    /** Starts, stops, gets and backfills workflow runs for other AWS services; invoked synchronously. */
    public Function getOperationsFunction() {
        return operationsFunction.function();
    }

    /** The alias callers invoke the operations function through: grant them {@code lambda:InvokeFunction} on it. */
    public Alias getOperationsAlias() {
        return operationsFunction.alias();
    }

    /** The operations function's own log group. */
    public LogGroup getOperationsLogGroup() {
        return operationsFunction.logGroup();
    }

    /**
     * Allows {@code grantee} {@code lambda:InvokeFunction} on the operations alias, and nothing else, in its own
     * identity policy: the function takes no resource-based permission.
     *
     * @throws IllegalArgumentException when {@code grantee} has no identity policy of this stack's kind to add to
     *                                  (a service principal, an account): grant a role or user instead, such as
     *                                  the state machine's or the schedule's execution role
     */
    public Grant grantInvokeOperations(IGrantable grantee) {
        Grant grant = Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("lambda:InvokeFunction"))
                .resourceArns(List.of(operationsFunction.alias().getFunctionArn()))
                .build());
        if (!grant.getSuccess()) {
            throw new IllegalArgumentException("grantInvokeOperations: " + grantee.getGrantPrincipal()
                    + " has no identity policy to allow lambda:InvokeFunction in, and the operations function takes "
                    + "no resource-based permission: grant the role that invokes it (a state machine's, a "
                    + "schedule's execution role)");
        }
        return grant;
    }

    /** The reconciler's own log group. */
    public LogGroup getReconcileLogGroup() {
        return reconcileFunction.logGroup();
    }

    /** Reconciles the reconciler failed on after Lambda's asynchronous retries. */
    public Queue getReconcileDeadLetterQueue() {
        return reconcileFunction.deadLetterQueue();
    }

    /** The Glue event function's own log group. */
    public LogGroup getGlueEventLogGroup() {
        return glueEventFunction.logGroup();
    }

    /** The tick function's own log group. */
    public LogGroup getScheduleTickLogGroup() {
        return scheduleTickFunction.logGroup();
    }

    /** Glue events the event function failed on after Lambda's asynchronous retries. */
    public Queue getGlueEventDeadLetterQueue() {
        return glueEventFunction.deadLetterQueue();
    }

    /** Ticks the tick function failed on after Lambda's asynchronous retries. */
    public Queue getScheduleTickDeadLetterQueue() {
        return scheduleTickFunction.deadLetterQueue();
    }

    /** Events EventBridge could not deliver to a function alias or to the notification topic. */
    public Queue getRuleDeadLetterQueue() {
        return ruleDeadLetterQueue.queue();
    }

    /** Empty when the definitions start no job. */
    public Optional<Rule> getJobStateRule() {
        return Optional.ofNullable(jobStateRule);
    }

    /** Empty when the definitions start no crawler. */
    public Optional<Rule> getCrawlerStateRule() {
        return Optional.ofNullable(crawlerStateRule);
    }

    /** Empty when the definitions start no job. */
    public Optional<Rule> getJobRunStatusRule() {
        return Optional.ofNullable(jobRunStatusRule);
    }

    public Rule getScheduleTickRule() {
        return scheduleTickRule;
    }

    public Rule getReconcileRule() {
        return reconcileRule;
    }

    /** Where the orchestrator's notifications go; subscribe e-mail, chat or a function to it. */
    public Topic getNotificationTopic() {
        return notificationTopic;
    }

    /** The customer-managed key of the notification topic. */
    public Key getNotificationKey() {
        return notificationKey;
    }

    /** The rule on the orchestrator's bus that sends the notification detail-types to the topic. */
    public Rule getNotificationRule() {
        return notificationRule;
    }

    /** Empty when no account is trusted. */
    public Optional<Rule> getTrustedActionCompletedRule() {
        return Optional.ofNullable(trustedActionCompletedRule);
    }

    /** The rule for the Glue job events of each account that actions start jobs in through a RoleArn. */
    public Map<String, Rule> getRemoteJobEventRules() {
        return Map.copyOf(remoteJobEventRules);
    }

    /** The rule that sends this orchestrator's "Action Completed" events to each fed account. */
    public Map<String, Rule> getForwardRules() {
        return Map.copyOf(forwardRules);
    }

    /**
     * The role {@code <functionRoleNamePrefix>-forward} EventBridge puts the events on every fed account's bus with;
     * empty when no account is fed.
     */
    public Optional<Role> getForwardRole() {
        return Optional.ofNullable(forwardRole);
    }

    /** One custom resource per workflow of the definitions version. */
    public List<AwsCustomResource> getDefinitionVersionItems() {
        return List.copyOf(definitionVersionItems);
    }

    /** The custom resource that writes the current pointer, after every version item. */
    public AwsCustomResource getCurrentDefinitionsPointer() {
        return currentDefinitionsPointer;
    }
}
