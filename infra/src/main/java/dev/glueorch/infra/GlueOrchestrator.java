package dev.glueorch.infra;

import dev.glueorch.contract.EventTypes;
import dev.glueorch.contract.FunctionEnvironment;
import dev.glueorch.contract.GlueAccessSlices;
import dev.glueorch.model.Definitions;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The glue-orchestrator on AWS: a reusable L3 construct, composed of parts a user can see and reuse, each a public
 * field and getter: the {@link OrchestratorTable table}, the orchestrator's event bus, four Java 21 functions with
 * SnapStart ({@link OrchestratorFunction}: Glue job/crawler state changes and job run delays, the every-minute
 * schedule tick, the reconciler, the operations other AWS services request), invoked through their
 * {@value OrchestratorFunction#ALIAS_NAME} alias, with their {@link GlueAccessPolicies Glue rights}, the
 * {@link GlueEventRules Glue event rules} on the default bus, the {@link EventTriggerRules EVENT triggers' rules}, the
 * {@link Notifications notifications}, the {@link CrossAccountEvents cross-account wiring}, and the
 * {@link DefinitionsDeployment definitions deployment}, which brings the definitions version into the table from an S3
 * asset at deploy time.
 *
 * <p>The operations function (start, stop, get and backfill workflow runs, repair partitions) is invoked
 * synchronously, with IAM permission only: it has no resource-based policy, no function URL and no dead-letter
 * queue; callers get {@code lambda:InvokeFunction} on its alias through {@link #grantInvokeOperations(IGrantable)} or
 * their own policy.
 *
 * <p>The definitions decide the scope: rules match, and IAM policies allow, exactly the Glue jobs and crawlers that
 * the triggers' actions name, never a wildcard, unless {@link GlueOrchestratorProps#getGlueAccess()} says otherwise.
 * Everything is sized to AWS's hard limits at Glue's default quotas (1,000 jobs, 1,000 triggers): see the README,
 * "Scale / AWS limits".
 */
public final class GlueOrchestrator extends Construct {

    public static final String GLUE_EVENT_HANDLER = "dev.glueorch.handler.GlueEventHandler::handleRequest";
    public static final String SCHEDULE_TICK_HANDLER = "dev.glueorch.handler.ScheduleTickHandler::handleRequest";
    public static final String RECONCILE_HANDLER = "dev.glueorch.handler.ReconcileHandler::handleRequest";
    /**
     * {@code {"Operation": "StartWorkflowRun"|"StopWorkflowRun"|"GetWorkflowRun"|"Backfill"|"RepairPartitions",
     * "Name": ...}}.
     */
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
    public static final List<String> CRAWLER_STATES = GlueEventRules.CRAWLER_STATES;

    /** The custom resource type that deploys the definitions version into the table. */
    public static final String DEFINITIONS_RESOURCE_TYPE = DefinitionsDeployment.RESOURCE_TYPE;


    /** The single table. */
    public final OrchestratorTable table;
    /** The bus the orchestrator puts its own events on. */
    public final EventBus eventBus;
    public final OrchestratorFunction glueEventFunction;
    public final OrchestratorFunction scheduleTickFunction;
    public final OrchestratorFunction reconcileFunction;
    public final OrchestratorFunction operationsFunction;
    /** The start queue and the workers the tick hands due schedule slots to. */
    public final StartWorkers startWorkers;
    /** The functions' rights on Glue jobs and crawlers. */
    public final GlueAccessPolicies glueAccess;
    /** Events EventBridge could not deliver to a function alias, the notification topic or a fed bus. */
    private final AlarmedDeadLetterQueue ruleDeadLetterQueue;
    /** The rules of the orchestrated jobs' and crawlers' Glue events, on the default bus. */
    public final GlueEventRules glueEventRules;
    /** One rule per EVENT trigger, on the trigger's bus, to the Glue event function. */
    public final EventTriggerRules eventTriggerRules;
    public final Rule scheduleTickRule;
    public final Rule reconcileRule;
    public final Notifications notifications;
    /** {@code null} when no account is fed: the role {@code <functionRoleNamePrefix>-forward}. */
    private final Role forwardRole;
    public final CrossAccountEvents crossAccountEvents;
    public final DefinitionsDeployment definitionsDeployment;

    /**
     * @param props the definitions in them are validated already, by the one validator: job and crawler names hold
     *              no IAM wildcard
     * @throws MissingLambdaPackageException when {@code props.getLambdaPackage()} is not a file
     * @throws IllegalArgumentException      when the definitions do not fit an AWS limit with the props given; the
     *                                       message names the option that makes them fit
     */
    public GlueOrchestrator(Construct scope, String id, GlueOrchestratorProps props) {
        super(scope, id);
        Definitions definitions = props.getDefinitions();
        requireOtherAccounts(props, definitions);
        Code code = lambdaCode(props.getLambdaPackage());

        this.table = new OrchestratorTable(this, "Table", props.getTableName());
        this.eventBus = EventBus.Builder.create(this, "EventBus")
                .eventBusName(props.getEventBusName())
                .description("glue-orchestrator events: workflow runs and actions started and completed, notifications")
                .build();
        Map<String, String> environment = environment(props);
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
                OPERATIONS_HANDLER, "glue-orchestrator: start, stop, get and backfill workflow runs, repair partitions, "
                + "for AWS services",
                Duration.seconds(60), CrossAccount.OPERATIONS_ROLE_SUFFIX), code, environment, props);
        functions().forEach(function -> grantTableBusAndRoles(function, definitions));
        // Every function starts actions: the event function for CONDITIONAL triggers, the start workers for
        // SCHEDULED ones, the tick for waiting ones, the reconciler for those whose start was missed, the operations
        // function for the runs it starts; it also stops them. The reconciler, the operations function and the
        // start workers also find a run Glue started by its arguments (after a start's answer was lost).
        this.glueAccess = new GlueAccessPolicies(this, "GlueAccess", props.getGlueAccess(), definitions,
                List.of(glueEventFunction.role(), scheduleTickFunction.role()),
                List.of(reconcileFunction.role(), operationsFunction.role(), startWorkers.worker().role()),
                props.getMaxManagedPoliciesPerRole(), props.getFunctionRoleNamePrefix());
        if (!glueAccess.getAccessRoles().isEmpty()) {
            // Each function calls Glue for a job or crawler with the role of its slice
            String roleArns = GlueAccessSlices.environmentValue(glueAccess.getAccessRoles().stream()
                    .map(Role::getRoleArn).toList());
            functions().forEach(function -> function.function().addEnvironment(
                    FunctionEnvironment.GLUE_ACCESS_ROLE_ARNS, roleArns));
        }
        startWorkers.grantSendSlots(scheduleTickFunction.role(), reconcileFunction.role());

        this.ruleDeadLetterQueue = new AlarmedDeadLetterQueue(this, "RuleDeadLetterQueue",
                "the EventBridge rule targets", props.getAlarmActions());
        // cdk-nag recognises a Lambda DeadLetterConfig or an SQS redrive as "is a DLQ", not an EventBridge target's.
        NagSuppressions.addResourceSuppressions(ruleDeadLetterQueue.queue(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the dead-letter queue of the EventBridge rule targets (their DeadLetterConfig); "
                        + "a dead-letter queue of a dead-letter queue would only move the same events again. Its "
                        + "alarm reports them.")
                .build()));
        this.glueEventRules = new GlueEventRules(this, "GlueEventRules", definitions, props.getGlueAccess(),
                glueEventFunction.alias(), ruleDeadLetterQueue.queue(), props.getFunctionRoleNamePrefix(),
                props.getEventPatternMaxLength());
        this.eventTriggerRules = new EventTriggerRules(this, "EventTriggerRules", definitions,
                glueEventFunction.alias(), ruleDeadLetterQueue.queue(), eventBus, props.getEventBusName(),
                props.getFunctionRoleNamePrefix());
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
        this.notifications = new Notifications(this, "Notifications", eventBus, ruleDeadLetterQueue.queue(),
                props.getNotificationEmails());
        // Created here, not in the cross-account part: its fixed name would collide with itself were its logical ID
        // to change.
        this.forwardRole = props.getFedAccounts().isEmpty() ? null : createForwardRole(props);
        this.crossAccountEvents = new CrossAccountEvents(this, "CrossAccount", eventBus, definitions, props,
                this::glueEventTarget, forwardRole, ruleDeadLetterQueue.queue());
        // Logging settings only: the deployment gets its table, bucket and key from the custom resource.
        Map<String, String> loggingOnly = new LinkedHashMap<>(environment);
        loggingOnly.keySet().removeIf(name -> !name.startsWith("POWERTOOLS_") && !name.equals("JAVA_TOOL_OPTIONS"));
        this.definitionsDeployment = new DefinitionsDeployment(this, "Definitions", definitions, table.getTable(),
                code, loggingOnly, props);
        requireRulesPerBus(props);
    }

    /**
     * EventBridge's quota of rules per bus is shared by the Glue event rules, the tick and reconcile rules and the
     * EVENT triggers' rules on the default bus (and by the account's own rules there), and by the orchestrator's and
     * the EVENT triggers' rules on the others: fail the synth, not the deployment halfway, when one bus would be over.
     */
    private void requireRulesPerBus(GlueOrchestratorProps props) {
        Map<String, Integer> rulesPerBus = new LinkedHashMap<>();
        Map<String, Integer> eventTriggerRulesPerBus = new LinkedHashMap<>();
        for (IConstruct construct : getNode().findAll()) {
            if (construct instanceof CfnRule rule) {
                rulesPerBus.merge(busName(rule, props), 1, Integer::sum);
            }
        }
        eventTriggerRules.getRules().forEach(rule -> eventTriggerRulesPerBus.merge(
                busName(rule.rule(), props), 1, Integer::sum));
        rulesPerBus.forEach((bus, count) -> {
            if (count > props.getRulesPerBusQuota()) {
                throw new IllegalArgumentException("The stack would put " + count + " rules on the event bus '" + bus
                        + "' (" + eventTriggerRulesPerBus.getOrDefault(bus, 0) + " of them for EVENT triggers), and "
                        + "the account's quota is " + props.getRulesPerBusQuota() + " rules per bus (EventBridge's "
                        + "\"Rules per event bus\", shared with the bus's other rules): request more in Service Quotas "
                        + "and give the new quota as rulesPerBusQuota (context -c rulesPerBusQuota=N), or move EVENT "
                        + "triggers to another bus with EventBusName");
            }
        });
    }

    /** "default", a bus's name, or the orchestrator's bus (whose name is a token in the rule). */
    private static String busName(CfnRule rule, GlueOrchestratorProps props) {
        String name = rule.getEventBusName();
        if (name == null || name.equals("default")) {
            return "default";
        }
        return Token.isUnresolved(name) ? props.getEventBusName() : name;
    }

    private Map<String, String> environment(GlueOrchestratorProps props) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(FunctionEnvironment.TABLE_NAME, table.getTable().getTableName());
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
        return environment;
    }

    private List<OrchestratorFunction> functions() {
        return List.of(glueEventFunction, scheduleTickFunction, reconcileFunction, operationsFunction,
                startWorkers.worker());
    }

    /** Only where the stack's account is known at synth; else CloudFormation resolves it and nothing can compare. */
    private void requireOtherAccounts(GlueOrchestratorProps props, Definitions definitions) {
        Stack stack = Stack.of(this);
        CrossAccount.requireNotOwnAccount(stack, props.getTrustedAccounts(), "trustedAccounts",
                "the orchestrator's own events need no trust, list only upstream orchestrators' accounts");
        CrossAccount.requireNotOwnAccount(stack, props.getFedAccounts(), "fedAccounts",
                "forwarding the bus's events to itself would loop, list only downstream orchestrators' accounts");
        CrossAccount.requireNotOwnAccount(stack, definitions.remoteActionAccounts(), "an action's RoleArn",
                "this account's Glue events reach the default bus, not the orchestrator's: leave RoleArn out to start "
                        + "the job directly");
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

    private static Code lambdaCode(Path lambdaPackage) {
        if (!Files.isRegularFile(lambdaPackage)) {
            throw new MissingLambdaPackageException(lambdaPackage);
        }
        return Code.fromAsset(lambdaPackage.toAbsolutePath().toString());
    }

    /** For the few rules on the orchestrator's bus (trusted, remote accounts): CDK's target, a permission each. */
    private LambdaFunction glueEventTarget() {
        return LambdaFunction.Builder.create(glueEventFunction.alias())
                .deadLetterQueue(ruleDeadLetterQueue.queue())
                .retryAttempts(GlueEventTarget.RETRY_ATTEMPTS)
                .maxEventAge(GlueEventTarget.MAX_EVENT_AGE)
                .build();
    }

    private LambdaFunction scheduledTarget(OrchestratorFunction function) {
        return LambdaFunction.Builder.create(function.alias())
                .deadLetterQueue(ruleDeadLetterQueue.queue())
                .retryAttempts(2)
                .maxEventAge(Duration.minutes(5))
                .build();
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

    /** The table and its indexes, the bus, and the remote roles: small statements, inline in the role's policy. */
    private void grantTableBusAndRoles(OrchestratorFunction function, Definitions definitions) {
        function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(TABLE_ACTIONS)
                .resources(table.arnsWithIndexes())
                .build());
        eventBus.grantPutEventsTo(function.role());
        if (!definitions.remoteRoleArns().isEmpty()) {
            function.role().addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(ASSUME_ROLE_ACTIONS)
                    .resources(List.copyOf(definitions.remoteRoleArns()))
                    .build());
        }
    }

    /** The start queue, its dead-letter queue and the start workers the tick hands due schedule slots to. */
    public StartWorkers getStartWorkers() {
        return startWorkers;
    }

    /** The single table: definitions, workflow runs and statistics, job-run correlation, claims. */
    public Table getTable() {
        return table.getTable();
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

    /**
     * Starts, stops, gets and backfills workflow runs, and repairs partitions, for other AWS services; invoked
     * synchronously.
     */
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

    /**
     * The first of {@link GlueEventRules#getJobEventRules()}, which carry both the job state changes and the job run
     * delays; empty when the definitions start no job.
     */
    public Optional<Rule> getJobStateRule() {
        return glueEventRules.getJobEventRules().stream().findFirst();
    }

    /** The first of {@link GlueEventRules#getCrawlerEventRules()}; empty when the definitions start no crawler. */
    public Optional<Rule> getCrawlerStateRule() {
        return glueEventRules.getCrawlerEventRules().stream().findFirst();
    }

    /**
     * The same rule as {@link #getJobStateRule()}: a job's run delays share its rules with its state changes; empty
     * when the definitions start no job.
     */
    public Optional<Rule> getJobRunStatusRule() {
        return getJobStateRule();
    }

    public GlueEventRules getGlueEventRules() {
        return glueEventRules;
    }

    /** The rules of the EVENT triggers, one each; empty when the definitions have none. */
    public EventTriggerRules getEventTriggerRules() {
        return eventTriggerRules;
    }

    public Rule getScheduleTickRule() {
        return scheduleTickRule;
    }

    public Rule getReconcileRule() {
        return reconcileRule;
    }

    /** Where the orchestrator's notifications go; subscribe e-mail, chat or a function to it. */
    public Topic getNotificationTopic() {
        return notifications.getTopic();
    }

    /** The customer-managed key of the notification topic. */
    public Key getNotificationKey() {
        return notifications.getKey();
    }

    /** The rule on the orchestrator's bus that sends the notification detail-types to the topic. */
    public Rule getNotificationRule() {
        return notifications.getRule();
    }

    public Notifications getNotifications() {
        return notifications;
    }

    /** Empty when no account is trusted. */
    public Optional<Rule> getTrustedActionCompletedRule() {
        return crossAccountEvents.getTrustedActionCompletedRule();
    }

    /**
     * The first rule for the Glue job events of each account that actions start jobs in through a RoleArn (see
     * {@link CrossAccountEvents#getRemoteJobEventRules()} for all of them).
     */
    public Map<String, Rule> getRemoteJobEventRules() {
        Map<String, Rule> first = new LinkedHashMap<>();
        crossAccountEvents.getRemoteJobEventRules().forEach((account, rules) -> first.put(account, rules.get(0)));
        return Map.copyOf(first);
    }

    /** The rule that sends this orchestrator's "Action Completed" events to each fed account. */
    public Map<String, Rule> getForwardRules() {
        return crossAccountEvents.getForwardRules();
    }

    public CrossAccountEvents getCrossAccountEvents() {
        return crossAccountEvents;
    }

    /**
     * The role {@code <functionRoleNamePrefix>-forward} EventBridge puts the events on every fed account's bus with;
     * empty when no account is fed.
     */
    public Optional<Role> getForwardRole() {
        return Optional.ofNullable(forwardRole);
    }

    /** The custom resource, its function and the S3 asset that bring the definitions version into the table. */
    public DefinitionsDeployment getDefinitionsDeployment() {
        return definitionsDeployment;
    }

    public OrchestratorTable getOrchestratorTable() {
        return table;
    }

    public GlueAccessPolicies getGlueAccess() {
        return glueAccess;
    }
}
