package dev.glueorch.infra;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;

/**
 * What a {@link GlueOrchestratorRemoteAccess} is built from: the orchestrator's account (required), the Glue jobs of
 * this account it may start (required), and how that orchestrator is named; everything else has a default. Build it
 * with {@link #builder()}.
 */
public final class GlueOrchestratorRemoteAccessProps {

    /** The role name an action's {@code RoleArn} names by default. */
    public static final String DEFAULT_ROLE_NAME = "glue-orchestrator-remote-actions";

    /** STS's constraint on an external id. */
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private final String orchestratorAccount;
    private final String orchestratorRegion;
    private final String orchestratorEventBusName;
    private final String functionRoleNamePrefix;
    private final List<String> jobNames;
    private final String externalId;
    private final String roleName;
    private final List<IAlarmAction> alarmActions;

    private GlueOrchestratorRemoteAccessProps(Builder builder) {
        this.orchestratorAccount = CrossAccount.requireAccountId(builder.orchestratorAccount, "orchestratorAccount");
        this.orchestratorRegion = builder.orchestratorRegion;
        this.orchestratorEventBusName = Objects.requireNonNull(builder.orchestratorEventBusName,
                "orchestratorEventBusName");
        this.functionRoleNamePrefix = CrossAccount.requireRoleNamePrefix(builder.functionRoleNamePrefix,
                "functionRoleNamePrefix");
        Objects.requireNonNull(builder.jobNames, "jobNames");
        if (builder.jobNames.isEmpty()) {
            throw new IllegalArgumentException("jobNames: give the Glue jobs of this account that the orchestrator "
                    + "of account " + orchestratorAccount + " starts through the role, at least one");
        }
        for (String jobName : builder.jobNames) {
            // The names become IAM resource ARNs and an event pattern: a wildcard would allow every matching job.
            if (jobName == null || jobName.isBlank() || jobName.contains("*") || jobName.contains("?")) {
                throw new IllegalArgumentException("jobNames: '" + jobName + "' is no Glue job name: give each "
                        + "job's exact name, without the IAM wildcards * and ?");
            }
        }
        this.jobNames = List.copyOf(new TreeSet<>(builder.jobNames));
        if (builder.externalId != null && !EXTERNAL_ID.matcher(builder.externalId).matches()) {
            throw new IllegalArgumentException("externalId: '" + builder.externalId + "' is no STS external id: "
                    + "give 2 to 1224 letters, digits and +=,.@:/_- characters");
        }
        this.externalId = builder.externalId;
        this.roleName = CrossAccount.requireRoleName(builder.roleName, "roleName");
        this.alarmActions = List.copyOf(builder.alarmActions);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The account of the orchestrator that starts the jobs. */
    public String getOrchestratorAccount() {
        return orchestratorAccount;
    }

    /** The orchestrator's Region, or {@code null} for this stack's Region. */
    public String getOrchestratorRegion() {
        return orchestratorRegion;
    }

    public String getOrchestratorEventBusName() {
        return orchestratorEventBusName;
    }

    /** The prefix of the orchestrator's function role names, the roles trusted to assume this one. */
    public String getFunctionRoleNamePrefix() {
        return functionRoleNamePrefix;
    }

    /** The jobs of this account the orchestrator may start, watch and stop, sorted. */
    public List<String> getJobNames() {
        return jobNames;
    }

    /** The external id the orchestrator must pass, or {@code null} for none. */
    public String getExternalId() {
        return externalId;
    }

    public String getRoleName() {
        return roleName;
    }

    public List<IAlarmAction> getAlarmActions() {
        return alarmActions;
    }

    /** Builder of {@link GlueOrchestratorRemoteAccessProps}; {@code orchestratorAccount} and {@code jobNames}. */
    public static final class Builder {
        private String orchestratorAccount;
        private String orchestratorRegion;
        private String orchestratorEventBusName = GlueOrchestratorProps.DEFAULT_EVENT_BUS_NAME;
        private String functionRoleNamePrefix = GlueOrchestratorProps.DEFAULT_FUNCTION_ROLE_NAME_PREFIX;
        private List<String> jobNames = List.of();
        private String externalId;
        private String roleName = DEFAULT_ROLE_NAME;
        private List<IAlarmAction> alarmActions = List.of();

        private Builder() {
        }

        /** The account (12 digits) of the orchestrator that starts the jobs (required). */
        public Builder orchestratorAccount(String orchestratorAccount) {
            this.orchestratorAccount = orchestratorAccount;
            return this;
        }

        /** The orchestrator's Region; default this stack's. */
        public Builder orchestratorRegion(String orchestratorRegion) {
            this.orchestratorRegion = orchestratorRegion;
            return this;
        }

        /** The orchestrator's bus; default {@value GlueOrchestratorProps#DEFAULT_EVENT_BUS_NAME}. */
        public Builder orchestratorEventBusName(String orchestratorEventBusName) {
            this.orchestratorEventBusName = orchestratorEventBusName;
            return this;
        }

        /**
         * The orchestrator's {@code functionRoleNamePrefix}; default
         * {@value GlueOrchestratorProps#DEFAULT_FUNCTION_ROLE_NAME_PREFIX}.
         */
        public Builder functionRoleNamePrefix(String functionRoleNamePrefix) {
            this.functionRoleNamePrefix = functionRoleNamePrefix;
            return this;
        }

        /** The Glue jobs of this account the orchestrator starts (required, exact names). */
        public Builder jobNames(List<String> jobNames) {
            this.jobNames = jobNames;
            return this;
        }

        /** The external id the actions' {@code ExternalId} gives; default none. */
        public Builder externalId(String externalId) {
            this.externalId = externalId;
            return this;
        }

        /** The name of the role the actions' {@code RoleArn} names; default {@value #DEFAULT_ROLE_NAME}. */
        public Builder roleName(String roleName) {
            this.roleName = roleName;
            return this;
        }

        /** Actions of the forwarding dead-letter queue's alarm; default none. */
        public Builder alarmActions(List<IAlarmAction> alarmActions) {
            this.alarmActions = Objects.requireNonNull(alarmActions, "alarmActions");
            return this;
        }

        public GlueOrchestratorRemoteAccessProps build() {
            return new GlueOrchestratorRemoteAccessProps(this);
        }
    }
}
