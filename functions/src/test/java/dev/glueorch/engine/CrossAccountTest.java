package dev.glueorch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glueorch.model.DefinitionValidator;
import dev.glueorch.model.Definitions;
import dev.glueorch.model.JobRunState;
import dev.glueorch.model.NodeType;
import dev.glueorch.testing.EngineHarness;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another account's completions joining this account's runs of the same partition, on DynamoDB Local. */
class CrossAccountTest {

    private static final String PRODUCER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final String PRODUCER_BUS = "arn:aws:events:us-east-1:" + PRODUCER + ":event-bus/glue-orchestrator";
    private static final Instant SLOT = Instant.parse("2026-11-21T14:00:00Z");
    static final String CONSUMER_WORKFLOW = """
            {"Workflow": {"Name": "orders-consumer", "Partitioning": {"Granularity": "HOUR"}},
             "Triggers": [
               {"Name": "consumer-start", "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)",
                "Actions": [{"JobName": "prepare-reference"}]},
               {"Name": "consumer-join", "Type": "CONDITIONAL",
                "Predicate": {"Logical": "AND", "Conditions": [
                  {"LogicalOperator": "EQUALS", "JobName": "prepare-reference", "State": "SUCCEEDED"},
                  {"LogicalOperator": "EQUALS", "JobName": "ingest-orders", "State": "SUCCEEDED",
                   "Account": "111111111111"}]},
                "Actions": [{"JobName": "build-orders-report"},
                            {"JobName": "archive-orders",
                             "RoleArn": "arn:aws:iam::111111111111:role/glue-orchestrator-remote-actions",
                             "ExternalId": "orders-consumer"}]}]}
            """;

    private final EngineHarness h = new EngineHarness(SLOT);

    @BeforeEach
    void consumer() {
        Definitions definitions = new DefinitionValidator().validateAll(Map.of("workflows/orders-consumer.json",
                CONSUMER_WORKFLOW));
        h.use(definitions, new AccountTrust(CONSUMER, Set.of(PRODUCER)));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void producerCompleted(String partition, JobRunState state, String account, String bus) {
        h.orchestrator.handle(new GlueEvent.RemoteActionCompleted("r-" + partition, h.clock.instant(), account,
                "us-east-1", bus, "orders-producer", partition, NodeType.JOB, "ingest-orders", "jr_remote", state));
    }

    private WorkflowRun run(String partition) {
        return h.store.run("orders-consumer", RunIds.forPartition("orders-consumer", partition)).orElseThrow();
    }

    @Test
    void producerAndLocalJobOfTheSameHour_shouldFireTheJoinOnceWithThatHoursArguments() {
        // GIVEN the consumer's 14:00 run (partition 13) ran prepare-reference
        h.tick(SLOT);
        h.jobState("prepare-reference", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("build-orders-report")).isEmpty();
        assertThat(run("2026-11-21T13").status()).as("waits for the producer").isEqualTo(WorkflowRunStatus.RUNNING);
        // WHEN the producer's ingest-orders of partition 13 completes (delivered twice)
        producerCompleted("2026-11-21T13", JobRunState.SUCCEEDED, PRODUCER, PRODUCER_BUS);
        producerCompleted("2026-11-21T13", JobRunState.SUCCEEDED, PRODUCER, PRODUCER_BUS);
        // THEN the join fires once, with partition 13's arguments, starting the remote action through its role
        assertThat(h.glue.startsOf("build-orders-report")).singleElement().satisfies(start ->
                assertThat(start.arguments()).containsEntry("--hour_partition_value", "13")
                        .containsEntry("--day_partition_value", "2026-11-21"));
        assertThat(h.glue.startsOf("archive-orders")).hasSize(1);
        assertThat(h.glue.rolesUsed()).contains("arn:aws:iam::111111111111:role/glue-orchestrator-remote-actions|"
                + "orders-consumer");
    }

    @Test
    void producerCompletionOfAnotherHour_shouldNotSatisfyThisHoursAnd() {
        h.tick(SLOT);
        h.jobState("prepare-reference", JobRunState.SUCCEEDED);
        producerCompleted("2026-11-21T12", JobRunState.SUCCEEDED, PRODUCER, PRODUCER_BUS);
        assertThat(h.glue.startsOf("build-orders-report")).isEmpty();
        assertThat(run("2026-11-21T13").status()).isEqualTo(WorkflowRunStatus.RUNNING);
        // partition 12's run was opened by it and waits for its own start
        assertThat(run("2026-11-21T12").firedTriggers()).isEmpty();
    }

    @Test
    void producerFirst_shouldOpenTheRunThatTheScheduleThenJoins() {
        producerCompleted("2026-11-21T13", JobRunState.SUCCEEDED, PRODUCER, PRODUCER_BUS);
        assertThat(run("2026-11-21T13").status()).isEqualTo(WorkflowRunStatus.RUNNING);
        h.tick(SLOT);
        h.jobState("prepare-reference", JobRunState.SUCCEEDED);
        assertThat(h.glue.startsOf("build-orders-report")).hasSize(1);
    }

    @Test
    void completionForAPartitionOlderThanTheScheduleCatchesUp_shouldOpenNoRun() {
        // GIVEN at 14:00 the hourly schedule still starts partitions 10 to 13 (MaxCatchUpRuns 3)
        h.clock.set(SLOT);
        // WHEN the producer reports yesterday's hour 13, and hour 10
        producerCompleted("2026-11-20T13", JobRunState.SUCCEEDED, PRODUCER, PRODUCER_BUS);
        producerCompleted("2026-11-21T10", JobRunState.SUCCEEDED, PRODUCER, PRODUCER_BUS);
        // THEN yesterday's opens no run (nothing would ever start or end it), hour 10's does
        assertThat(h.store.run("orders-consumer", RunIds.forPartition("orders-consumer", "2026-11-20T13")))
                .isEmpty();
        assertThat(run("2026-11-21T10").status()).isEqualTo(WorkflowRunStatus.RUNNING);
    }

    @Test
    void failedProducerRun_shouldNotMeetASucceededCondition() {
        h.tick(SLOT);
        h.jobState("prepare-reference", JobRunState.SUCCEEDED);
        producerCompleted("2026-11-21T13", JobRunState.FAILED, PRODUCER, PRODUCER_BUS);
        assertThat(h.glue.startsOf("build-orders-report")).isEmpty();
    }

    @Test
    void untrustedAccount_shouldBeIgnored() {
        h.tick(SLOT);
        h.jobState("prepare-reference", JobRunState.SUCCEEDED);
        producerCompleted("2026-11-21T13", JobRunState.SUCCEEDED, "333333333333",
                "arn:aws:events:us-east-1:333333333333:event-bus/glue-orchestrator");
        assertThat(h.glue.startsOf("build-orders-report")).isEmpty();
    }

    @Test
    void eventWhoseAccountDoesNotMatchItsBus_shouldBeIgnored() {
        h.tick(SLOT);
        h.jobState("prepare-reference", JobRunState.SUCCEEDED);
        producerCompleted("2026-11-21T13", JobRunState.SUCCEEDED, PRODUCER,
                "arn:aws:events:us-east-1:333333333333:event-bus/glue-orchestrator");
        producerCompleted("2026-11-21T13", JobRunState.SUCCEEDED, PRODUCER, null);
        assertThat(h.glue.startsOf("build-orders-report")).isEmpty();
    }

    @Test
    void glueEventFromAnAccountNoActionRunsIn_shouldBeIgnored() {
        h.tick(SLOT);
        String prepare = h.glue.startsOf("prepare-reference").get(0).jobRunId();
        h.orchestrator.handle(new GlueEvent.JobStateChange("x", h.clock.instant(), "prepare-reference",
                prepare, JobRunState.SUCCEEDED, null, "333333333333"));
        assertThat(run("2026-11-21T13").statistics().succeededActions()).isZero();
        h.orchestrator.handle(new GlueEvent.JobStateChange("y", h.clock.instant(), "prepare-reference",
                prepare, JobRunState.SUCCEEDED, null, CONSUMER));
        assertThat(run("2026-11-21T13").statistics().succeededActions()).isEqualTo(1);
    }
}
