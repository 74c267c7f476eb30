package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.ops.Deployment.Result;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code --output json} prints is checked against Glue's own service model (botocore's): every field a member
 * of Glue's shape, of its type, recursively, so a script written for {@code aws glue ...} reads it unchanged.
 */
@ExtendWith(Deployments.class)
class GlueResponseShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GlueServiceModel model;
    private static Deployment deployment;
    private static String runId;

    @BeforeAll
    static void runThePipelineThroughEveryKindOfNode(Deployment deployedForTheClass) {
        model = GlueServiceModel.installed();
        deployment = deployedForTheClass;
        // GIVEN a run with succeeded, failed and predecessor-linked job runs, a crawl, and an end
        runId = deployment.startRun("--partition", "2026-11-21T13", "--property", "requested_by=ops");
        deployment.jobRunEnded(runId, "ingest-orders", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(runId, "ingest-payments", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(runId, "transform-sales", JobRunState.SUCCEEDED);
        deployment.jobRunEnded(runId, "load-sales", JobRunState.FAILED);
        deployment.crawlEnded(Deployment.CRAWLER, CrawlState.SUCCEEDED);
        deployment.jobRunEnded(runId, "alert-on-failure", JobRunState.SUCCEEDED);
        deployment.glueorch("triggers", "deactivate", "sales-start");
    }

    @Test
    void runsGetWithGraph_shouldPrintOnlyMembersOfGetWorkflowRunResponseOfTheirTypes() {
        // WHEN
        Result result = deployment.glueorch("runs", "get", WORKFLOW, runId, "--include-graph", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        Set<String> visited = new TreeSet<>();
        assertThat(model.problems(result.json(), "GetWorkflowRunResponse", visited))
                .as("fields of runs get --output json that Glue's model (%s) does not have", model.file()).isEmpty();
        assertThat(visited).as("the run reaches every shape of the graph, so none went unchecked")
                .contains("WorkflowRun", "WorkflowRunStatistics", "WorkflowGraph", "Node", "Edge",
                        "TriggerNodeDetails", "Trigger", "Predicate", "Condition", "Action", "JobNodeDetails",
                        "JobRun", "Predecessor", "CrawlerNodeDetails", "Crawl", "TimestampValue");
        assertThat(result.json().get("Run").get("Status").asText()).isEqualTo("COMPLETED");
    }

    static Stream<Arguments> everyOtherCommand() {
        return Stream.of(
                Arguments.of(List.of("workflows", "get", WORKFLOW, "--include-graph"), "GetWorkflowResponse"),
                Arguments.of(List.of("workflows", "get", WORKFLOW, "orders-daily", "--include-graph"),
                        "BatchGetWorkflowsResponse"),
                Arguments.of(List.of("workflows", "list"), "ListWorkflowsResponse"),
                Arguments.of(List.of("triggers", "get", "sales-start"), "GetTriggerResponse"),
                Arguments.of(List.of("triggers", "get", "sales-join", "sales-publish", "sales-nightly"),
                        "BatchGetTriggersResponse"),
                Arguments.of(List.of("triggers", "list"), "ListTriggersResponse"),
                Arguments.of(List.of("triggers", "activate", "sales-alert"), "StartTriggerResponse"),
                Arguments.of(List.of("triggers", "deactivate", "sales-alert"), "StopTriggerResponse"),
                Arguments.of(List.of("runs", "list", WORKFLOW, "--max-results", "1"), "GetWorkflowRunsResponse"),
                Arguments.of(List.of("runs", "properties", WORKFLOW, "RUN_ID", "--set", "k=v"),
                        "GetWorkflowRunPropertiesResponse"),
                Arguments.of(List.of("runs", "start", WORKFLOW), "StartWorkflowRunResponse"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyOtherCommand")
    void everyOtherCommand_shouldPrintOnlyMembersOfItsGlueResponse(List<String> command, String response) {
        // WHEN
        List<String> args = new ArrayList<>(command.stream().map(a -> a.equals("RUN_ID") ? runId : a)
                .toList());
        args.addAll(List.of("--output", "json"));
        Result result = deployment.glueorch(args.toArray(String[]::new));

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(model.problems(result.json(), response)).as("%s against %s", command, model.file()).isEmpty();
    }

    @Test
    void runsStop_shouldPrintStopWorkflowRunsEmptyResponse() {
        // GIVEN
        String running = deployment.startRun();

        // WHEN
        Result result = deployment.glueorch("runs", "stop", WORKFLOW, running, "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(model.problems(result.json(), "StopWorkflowRunResponse")).isEmpty();
    }

    @Test
    void theCheck_shouldFlagRenamedFieldsWrongTypesAndUnknownEnumValues() throws IOException {
        // GIVEN a run as Glue would not print it
        JsonNode wrong = JSON.readTree("""
                {"Run": {"Name": "sales-hourly", "RunId": "wr_1", "StartedOn": 1732190400,
                         "Status": "PAUSED", "Statistics": {"TotalActions": "2"},
                         "Graph": {"Nodes": [{"Type": "JOB", "JobDetails": {"JobRuns": [{"WorkflowRunId": "wr_1"}]}}]}}}
                """);

        // WHEN
        List<String> problems = model.problems(wrong, "GetWorkflowRunResponse");

        // THEN
        assertThat(problems).hasSize(5);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.Run.RunId: WorkflowRun has no member RunId"))
                .anySatisfy(p -> assertThat(p).startsWith("$.Run.StartedOn: expected an ISO-8601 timestamp"))
                .anySatisfy(p -> assertThat(p).startsWith("$.Run.Status: 'PAUSED' is not a WorkflowRunStatus"))
                .anySatisfy(p -> assertThat(p).startsWith("$.Run.Statistics.TotalActions: expected an integer"))
                .anySatisfy(p -> assertThat(p).startsWith(
                        "$.Run.Graph.Nodes[0].JobDetails.JobRuns[0].WorkflowRunId: JobRun has no member"));
    }
}
