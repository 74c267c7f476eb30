package dev.glueorch.infra;

import dev.glueorch.model.Definitions;
import dev.glueorch.model.WorkflowDefinition;
import dev.glueorch.store.TableDesign;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What a {@link GlueOrchestrator} is built from: the validated workflow definitions (they decide which Glue jobs and
 * crawlers the event rules and IAM policies name) and the Lambda deployment package. Everything else has a default.
 * Build it with {@link #builder()}.
 *
 * <p>Cross-account pipelines: {@code trustedAccounts} are the upstream orchestrators whose "Action Completed" events
 * this one accepts (every {@code Account} of the definitions' conditions must be among them), each only from that
 * account's forward role {@code <trustedFunctionRoleNamePrefix>-forward}; {@code fedAccounts} the downstream
 * orchestrators it sends its own "Action Completed" events to, with its forward role
 * {@code <functionRoleNamePrefix>-forward}.
 */
public final class GlueOrchestratorProps {

    /** The orchestrator's own event bus, where it puts "Workflow Run Started", "Action Completed", ... */
    public static final String DEFAULT_EVENT_BUS_NAME = "glue-orchestrator";
    public static final int DEFAULT_MEMORY_SIZE = 512;
    public static final int DEFAULT_RECONCILE_INTERVAL_MINUTES = 5;
    /**
     * The function roles are named {@code <prefix>-glue-event}, {@code -schedule-tick}, {@code -reconcile} and
     * {@code -operations}, the forward role {@code <prefix>-forward}.
     */
    public static final String DEFAULT_FUNCTION_ROLE_NAME_PREFIX = "glue-orchestrator";
    /**
     * Glue starts per second the start workers stay under together. Glue publishes no per-operation API rate; ten a
     * second leaves room for the account's other Glue clients and still starts 1,000 hourly workflows' 2,000 first
     * actions in under three and a half minutes. Raise it with the quota Glue grants the account.
     */
    public static final int DEFAULT_GLUE_START_RATE = 10;
    /** Start workers running at once (the start queue's event source mapping's maximum concurrency). */
    public static final int DEFAULT_START_WORKERS = 5;

    /** Enough to catch a typo or a missing separator at synth; SNS sends the real test, the confirmation mail. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;.]+");

    private final Definitions definitions;
    private final Path lambdaPackage;
    private final String tableName;
    private final int historyTtlDays;
    private final String eventBusName;
    private final int memorySize;
    private final Architecture architecture;
    private final RetentionDays logRetention;
    private final List<IAlarmAction> alarmActions;
    private final int reconcileIntervalMinutes;
    private final List<String> notificationEmails;
    private final List<String> trustedAccounts;
    private final List<String> fedAccounts;
    private final String fedRegion;
    private final String fedEventBusName;
    private final String functionRoleNamePrefix;
    private final String trustedFunctionRoleNamePrefix;
    private final GlueAccess glueAccess;
    private final int eventPatternMaxLength;
    private final int maxManagedPoliciesPerRole;
    private final int rulesPerBusQuota;
    private final int glueStartRate;
    private final int startWorkers;

    private GlueOrchestratorProps(Builder builder) {
        this.definitions = Objects.requireNonNull(builder.definitions,
                "definitions is required: load them with DefinitionLoader#load(workflowsFolder)");
        this.lambdaPackage = Objects.requireNonNull(builder.lambdaPackage,
                "lambdaPackage is required: the path of functions-<version>-lambda.zip");
        this.tableName = builder.tableName;
        this.historyTtlDays = requireAtLeast(builder.historyTtlDays, 1, "historyTtlDays");
        this.eventBusName = Objects.requireNonNull(builder.eventBusName, "eventBusName");
        // Lambda's own limits, so a typo fails at synth instead of at deploy.
        this.memorySize = requireAtLeast(builder.memorySize, 128, "memorySize");
        if (memorySize > 10_240) {
            throw new IllegalArgumentException("memorySize must be at most 10240 MB, was " + memorySize);
        }
        this.architecture = Objects.requireNonNull(builder.architecture, "architecture");
        this.logRetention = Objects.requireNonNull(builder.logRetention, "logRetention");
        this.alarmActions = List.copyOf(builder.alarmActions);
        this.reconcileIntervalMinutes = requireAtLeast(builder.reconcileIntervalMinutes, 1,
                "reconcileIntervalMinutes");
        // An hour bounds how late a missed Glue event, a delay or a timeout is noticed.
        if (reconcileIntervalMinutes > 60) {
            throw new IllegalArgumentException("reconcileIntervalMinutes must be at most 60, was "
                    + reconcileIntervalMinutes);
        }
        this.notificationEmails = List.copyOf(builder.notificationEmails);
        for (String email : notificationEmails) {
            if (!EMAIL.matcher(email).matches()) {
                throw new IllegalArgumentException("notificationEmails: '" + email + "' is not an e-mail address; "
                        + "give one address per entry, like ops@example.com");
            }
        }
        this.trustedAccounts = CrossAccount.requireAccountIds(builder.trustedAccounts, "trustedAccounts");
        this.fedAccounts = CrossAccount.requireAccountIds(builder.fedAccounts, "fedAccounts");
        this.fedRegion = builder.fedRegion;
        this.fedEventBusName = builder.fedEventBusName == null ? eventBusName : builder.fedEventBusName;
        this.functionRoleNamePrefix = CrossAccount.requireRoleNamePrefix(builder.functionRoleNamePrefix,
                "functionRoleNamePrefix");
        this.trustedFunctionRoleNamePrefix = CrossAccount.requireRoleNamePrefix(
                builder.trustedFunctionRoleNamePrefix, "trustedFunctionRoleNamePrefix");
        this.glueAccess = Objects.requireNonNull(builder.glueAccess, "glueAccess");
        this.eventPatternMaxLength = builder.eventPatternMaxLength;
        if (eventPatternMaxLength < AwsLimits.EVENT_PATTERN_LENGTH
                || eventPatternMaxLength > AwsLimits.RAISED_EVENT_PATTERN_LENGTH) {
            throw new IllegalArgumentException("eventPatternMaxLength must be from " + AwsLimits.EVENT_PATTERN_LENGTH
                    + " (EventBridge's default quota) to " + AwsLimits.RAISED_EVENT_PATTERN_LENGTH + " (the most it "
                    + "can be raised to), was " + eventPatternMaxLength + "; give more only once the account's "
                    + "\"Event pattern size\" quota was raised");
        }
        this.maxManagedPoliciesPerRole = builder.maxManagedPoliciesPerRole;
        if (maxManagedPoliciesPerRole < AwsLimits.MANAGED_POLICIES_PER_ROLE
                || maxManagedPoliciesPerRole > AwsLimits.RAISED_MANAGED_POLICIES_PER_ROLE) {
            throw new IllegalArgumentException("maxManagedPoliciesPerRole must be from "
                    + AwsLimits.MANAGED_POLICIES_PER_ROLE + " (IAM's default quota) to "
                    + AwsLimits.RAISED_MANAGED_POLICIES_PER_ROLE + " (the most it can be raised to), was "
                    + maxManagedPoliciesPerRole);
        }
        this.rulesPerBusQuota = builder.rulesPerBusQuota;
        if (rulesPerBusQuota < 1) {
            throw new IllegalArgumentException("rulesPerBusQuota must be at least 1, was " + rulesPerBusQuota
                    + "; give the account's \"Rules per event bus\" quota (300 by default, 100 in af-south-1 and "
                    + "eu-south-1)");
        }
        requireUpstreamAccountsTrusted();
        // An event source mapping's maximum concurrency is 2 to 1,000.
        this.startWorkers = requireAtLeast(builder.startWorkers, 2, "startWorkers");
        if (startWorkers > 1000) {
            throw new IllegalArgumentException("startWorkers must be at most 1000 (an SQS event source mapping's "
                    + "maximum concurrency), was " + startWorkers);
        }
        this.glueStartRate = requireAtLeast(builder.glueStartRate, 1, "glueStartRate");
        if (glueStartRate < startWorkers) {
            throw new IllegalArgumentException("glueStartRate (" + glueStartRate + " a second) must be at least "
                    + "startWorkers (" + startWorkers + "): each worker gets glueStartRate / startWorkers starts a "
                    + "second, and below one a second a batch of ten slots may not fit its timeout; lower startWorkers");
        }
    }

    /**
     * A condition on another account's job is met only by that account's "Action Completed" events, which the bus
     * policy admits from trusted accounts only: an untrusted one would be a condition that can never be met.
     */
    private void requireUpstreamAccountsTrusted() {
        if (trustedAccounts.containsAll(definitions.upstreamAccounts())) {
            return;
        }
        List<String> errors = new ArrayList<>();
        for (WorkflowDefinition workflow : definitions.workflows().values()) {
            for (String account : Definitions.of(List.of(workflow)).upstreamAccounts()) {
                if (!trustedAccounts.contains(account)) {
                    errors.add(workflow.source() + ": a condition names Account '" + account + "', which is not "
                            + "in trustedAccounts " + trustedAccounts);
                }
            }
        }
        throw new IllegalArgumentException(String.join("\n", errors) + "\nTrust each upstream orchestrator's "
                + "account (context `-c trustedAccounts=" + String.join(",", definitions.upstreamAccounts())
                + "`, or GlueOrchestratorProps.Builder#trustedAccounts), or its \"Action Completed\" events are "
                + "refused and the condition is never met.");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Definitions getDefinitions() {
        return definitions;
    }

    public Path getLambdaPackage() {
        return lambdaPackage;
    }

    /** The DynamoDB table name, or {@code null} to let CloudFormation name it. */
    public String getTableName() {
        return tableName;
    }

    public int getHistoryTtlDays() {
        return historyTtlDays;
    }

    public String getEventBusName() {
        return eventBusName;
    }

    public int getMemorySize() {
        return memorySize;
    }

    public Architecture getArchitecture() {
        return architecture;
    }

    public RetentionDays getLogRetention() {
        return logRetention;
    }

    public List<IAlarmAction> getAlarmActions() {
        return alarmActions;
    }

    /** Minutes between two runs of the reconciler, 1 to 60. */
    public int getReconcileIntervalMinutes() {
        return reconcileIntervalMinutes;
    }

    /** The addresses subscribed to the notification topic; each confirms its subscription by mail. */
    public List<String> getNotificationEmails() {
        return notificationEmails;
    }

    /** Upstream orchestrators' accounts, sorted: their "Action Completed" events are accepted. */
    public List<String> getTrustedAccounts() {
        return trustedAccounts;
    }

    /** Downstream orchestrators' accounts, sorted: this orchestrator's "Action Completed" events go to their bus. */
    public List<String> getFedAccounts() {
        return fedAccounts;
    }

    /** The Region of the fed accounts' buses, or {@code null} for the stack's own Region. */
    public String getFedRegion() {
        return fedRegion;
    }

    /** The name of the fed accounts' orchestrator bus; default this orchestrator's {@link #getEventBusName()}. */
    public String getFedEventBusName() {
        return fedEventBusName;
    }

    /**
     * The function roles are named {@code <prefix>-glue-event}, {@code <prefix>-schedule-tick}, ..., the forward role
     * {@code <prefix>-forward}.
     */
    public String getFunctionRoleNamePrefix() {
        return functionRoleNamePrefix;
    }

    /**
     * The trusted accounts' orchestrators' {@code functionRoleNamePrefix}: the bus admits their "Action Completed"
     * events only from the role {@code <prefix>-forward} of each.
     */
    public String getTrustedFunctionRoleNamePrefix() {
        return trustedFunctionRoleNamePrefix;
    }

    /** Which Glue jobs and crawlers the functions may start; default {@link GlueAccess#exactArns()}. */
    public GlueAccess getGlueAccess() {
        return glueAccess;
    }

    /** The longest event pattern a rule gets, 2,048 (EventBridge's default quota) unless raised, up to 4,096. */
    public int getEventPatternMaxLength() {
        return eventPatternMaxLength;
    }

    /** How many managed policies a function role may have attached, 10 (IAM's default quota) unless raised. */
    public int getMaxManagedPoliciesPerRole() {
        return maxManagedPoliciesPerRole;
    }

    /**
     * The account's EventBridge quota of rules per event bus, 300 unless raised (100 in af-south-1 and eu-south-1):
     * the synth fails when the stack would put more rules on one bus.
     */
    public int getRulesPerBusQuota() {
        return rulesPerBusQuota;
    }

    /** Glue starts per second (StartJobRun, StartCrawler) the start workers stay under together. */
    public int getGlueStartRate() {
        return glueStartRate;
    }

    /** The most start workers running at once; each starts at {@code glueStartRate / startWorkers} a second. */
    public int getStartWorkers() {
        return startWorkers;
    }

    private static int requireAtLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /** Builder of {@link GlueOrchestratorProps}; {@code definitions} and {@code lambdaPackage} are required. */
    public static final class Builder {
        private Definitions definitions;
        private Path lambdaPackage;
        private String tableName;
        private int historyTtlDays = TableDesign.DEFAULT_HISTORY_DAYS;
        private String eventBusName = DEFAULT_EVENT_BUS_NAME;
        private int memorySize = DEFAULT_MEMORY_SIZE;
        private Architecture architecture = Architecture.ARM_64;
        private RetentionDays logRetention = RetentionDays.THREE_MONTHS;
        private List<IAlarmAction> alarmActions = List.of();
        private int reconcileIntervalMinutes = DEFAULT_RECONCILE_INTERVAL_MINUTES;
        private List<String> notificationEmails = List.of();
        private List<String> trustedAccounts = List.of();
        private List<String> fedAccounts = List.of();
        private String fedRegion;
        private String fedEventBusName;
        private String functionRoleNamePrefix = DEFAULT_FUNCTION_ROLE_NAME_PREFIX;
        private String trustedFunctionRoleNamePrefix = DEFAULT_FUNCTION_ROLE_NAME_PREFIX;
        private GlueAccess glueAccess = GlueAccess.exactArns();
        private int eventPatternMaxLength = AwsLimits.EVENT_PATTERN_LENGTH;
        private int maxManagedPoliciesPerRole = AwsLimits.MANAGED_POLICIES_PER_ROLE;
        private int rulesPerBusQuota = AwsLimits.RULES_PER_BUS;
        private int glueStartRate = DEFAULT_GLUE_START_RATE;
        private int startWorkers = DEFAULT_START_WORKERS;

        private Builder() {
        }

        /**
         * Glue starts per second that the start workers stay under together, at least {@code startWorkers}; default
         * {@value GlueOrchestratorProps#DEFAULT_GLUE_START_RATE}. Starts that Glue throttles anyway wait and are
         * retried, never dropped or sent twice.
         */
        public Builder glueStartRate(int glueStartRate) {
            this.glueStartRate = glueStartRate;
            return this;
        }

        /** Start workers running at once, 2 to 1,000; default {@value GlueOrchestratorProps#DEFAULT_START_WORKERS}. */
        public Builder startWorkers(int startWorkers) {
            this.startWorkers = startWorkers;
            return this;
        }

        /** The validated definitions (required). */
        public Builder definitions(Definitions definitions) {
            this.definitions = definitions;
            return this;
        }

        /** The Lambda deployment zip, {@code functions-<version>-lambda.zip} (required). */
        public Builder lambdaPackage(Path lambdaPackage) {
            this.lambdaPackage = lambdaPackage;
            return this;
        }

        /** A fixed table name; default: generated by CloudFormation. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** Days a workflow run's history is kept before DynamoDB TTL removes it; default 90, as Glue. */
        public Builder historyTtlDays(int historyTtlDays) {
            this.historyTtlDays = historyTtlDays;
            return this;
        }

        /** Name of the orchestrator's event bus; default {@value #DEFAULT_EVENT_BUS_NAME}. */
        public Builder eventBusName(String eventBusName) {
            this.eventBusName = eventBusName;
            return this;
        }

        /** Memory of the functions in MB; default 512. */
        public Builder memorySize(int memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /** Default ARM_64 (Graviton: cheaper per GB-second, SnapStart supported). */
        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** Retention of the functions' log groups; default three months. */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** Actions of the dead-letter queue alarms (an SNS topic, ...); default none. */
        public Builder alarmActions(List<IAlarmAction> alarmActions) {
            this.alarmActions = Objects.requireNonNull(alarmActions, "alarmActions");
            return this;
        }

        /** Minutes between two runs of the reconciler, 1 to 60; default 5. */
        public Builder reconcileIntervalMinutes(int reconcileIntervalMinutes) {
            this.reconcileIntervalMinutes = reconcileIntervalMinutes;
            return this;
        }

        /** E-mail addresses to subscribe to the notification topic; default none. */
        public Builder notificationEmails(List<String> notificationEmails) {
            this.notificationEmails = Objects.requireNonNull(notificationEmails, "notificationEmails");
            return this;
        }

        /**
         * Accounts (12 digits) of upstream orchestrators whose "Action Completed" events this one accepts on its bus,
         * from each account's forward role only (see {@link #trustedFunctionRoleNamePrefix(String)}); every
         * {@code Account} that a condition names must be among them. Default none.
         */
        public Builder trustedAccounts(List<String> trustedAccounts) {
            this.trustedAccounts = Objects.requireNonNull(trustedAccounts, "trustedAccounts");
            return this;
        }

        /**
         * Accounts (12 digits) of downstream orchestrators that get this orchestrator's own "Action Completed" events
         * on their bus, put there with the forward role {@code <functionRoleNamePrefix>-forward} (their bus must
         * trust this account, with this prefix as its {@code trustedFunctionRoleNamePrefix}). Default none.
         */
        public Builder fedAccounts(List<String> fedAccounts) {
            this.fedAccounts = Objects.requireNonNull(fedAccounts, "fedAccounts");
            return this;
        }

        /** The Region of the fed accounts' orchestrators; default the stack's own. */
        public Builder fedRegion(String fedRegion) {
            this.fedRegion = fedRegion;
            return this;
        }

        /** The bus name of the fed accounts' orchestrators; default the same as this one's. */
        public Builder fedEventBusName(String fedEventBusName) {
            this.fedEventBusName = fedEventBusName;
            return this;
        }

        /**
         * Prefix of the function roles' fixed names ({@code <prefix>-glue-event}, {@code <prefix>-schedule-tick},
         * {@code <prefix>-reconcile}, {@code <prefix>-operations}), which a remote account's role trusts, and of the
         * forward role's ({@code <prefix>-forward}, with fed accounts only), which the fed accounts' buses trust;
         * default {@value #DEFAULT_FUNCTION_ROLE_NAME_PREFIX}. Role names are global in an account: give each
         * orchestrator of an account (another Region, a second stack) its own prefix.
         */
        public Builder functionRoleNamePrefix(String functionRoleNamePrefix) {
            this.functionRoleNamePrefix = functionRoleNamePrefix;
            return this;
        }

        /**
         * The {@code functionRoleNamePrefix} of the trusted accounts' orchestrators: the bus admits "Action
         * Completed" from a trusted account only when the caller is its role {@code <prefix>-forward}; default
         * {@value #DEFAULT_FUNCTION_ROLE_NAME_PREFIX}.
         */
        public Builder trustedFunctionRoleNamePrefix(String trustedFunctionRoleNamePrefix) {
            this.trustedFunctionRoleNamePrefix = trustedFunctionRoleNamePrefix;
            return this;
        }

        /**
         * Which Glue jobs and crawlers the functions may start, watch and stop: {@link GlueAccess#exactArns()} (the
         * default, least privilege), {@link GlueAccess#resourceTag} or {@link GlueAccess#namePrefixes} for estates
         * whose exact ARNs exceed IAM's policy limits (see their Javadoc and the README for what each gives up).
         */
        public Builder glueAccess(GlueAccess glueAccess) {
            this.glueAccess = glueAccess;
            return this;
        }

        /**
         * The longest event pattern a rule gets; default 2,048, EventBridge's default quota. Give up to 4,096 once
         * the account's quota was raised: the job and crawler names then need about half as many rules.
         */
        public Builder eventPatternMaxLength(int eventPatternMaxLength) {
            this.eventPatternMaxLength = eventPatternMaxLength;
            return this;
        }

        /**
         * How many customer managed policies of exact ARNs a function role may get; default 10, IAM's default quota.
         * Give up to 20 once the account's "Managed policies per role" quota was raised.
         */
        public Builder maxManagedPoliciesPerRole(int maxManagedPoliciesPerRole) {
            this.maxManagedPoliciesPerRole = maxManagedPoliciesPerRole;
            return this;
        }

        /**
         * The account's EventBridge "Rules per event bus" quota; default 300. Give the raised value once Service
         * Quotas granted it, or 100 in af-south-1 and eu-south-1. The stack's rules on one bus (Glue event rules, the
         * tick and reconcile rules, EVENT triggers' rules) must stay within it; the bus's other rules count too.
         */
        public Builder rulesPerBusQuota(int rulesPerBusQuota) {
            this.rulesPerBusQuota = rulesPerBusQuota;
            return this;
        }

        public GlueOrchestratorProps build() {
            return new GlueOrchestratorProps(this);
        }
    }
}
