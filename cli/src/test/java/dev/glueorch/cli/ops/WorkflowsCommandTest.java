package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.cli.ops.Deployment.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Deployments.class)
class WorkflowsCommandTest {

    private final Deployment deployment;

    WorkflowsCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    @Test
    void list_shouldAnswerListWorkflowsWithTheDeployedNames() {
        // WHEN
        Result result = deployment.glueorch("workflows", "list", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(names(result.json().get("Workflows"))).containsExactly(WORKFLOW);
    }

    @Test
    void getOneName_shouldAnswerGetWorkflowWithTheWorkflowAndNoLastRunBeforeAnyRun() {
        // WHEN
        Result result = deployment.glueorch("workflows", "get", WORKFLOW, "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode workflow = result.json().get("Workflow");
        assertThat(workflow.get("Name").asText()).isEqualTo(WORKFLOW);
        assertThat(workflow.get("MaxConcurrentRuns").asInt()).isEqualTo(2);
        assertThat(workflow.get("DefaultRunProperties").get("env").asText()).isEqualTo("prod");
        assertThat(workflow.has("LastRun")).isFalse();
        assertThat(workflow.has("Graph")).isFalse();
        assertThat(workflow.has("Partitioning")).as("an extension, not in Glue's Workflow").isFalse();
    }

    @Test
    void getWithIncludeGraph_shouldDrawTriggersJobsAndCrawlersWithTheirEdges() {
        // WHEN
        Result result = deployment.glueorch("workflows", "get", WORKFLOW, "--include-graph", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode graph = result.json().get("Workflow").get("Graph");
        List<String> nodes = new ArrayList<>();
        graph.get("Nodes").forEach(n -> nodes.add(n.get("Type").asText() + " " + n.get("Name").asText()));
        assertThat(nodes).containsExactlyInAnyOrder("TRIGGER sales-on-demand", "TRIGGER sales-start",
                "TRIGGER sales-join", "TRIGGER sales-publish", "TRIGGER sales-alert", "JOB ingest-orders",
                "JOB ingest-payments", "JOB transform-sales", "JOB load-sales", "JOB alert-on-failure",
                "CRAWLER catalog-sales");
        List<String> edges = new ArrayList<>();
        graph.get("Edges").forEach(e -> edges.add(e.get("SourceId").asText() + " -> "
                + e.get("DestinationId").asText()));
        assertThat(edges).contains("TRIGGER:sales-start -> JOB:ingest-orders",
                "JOB:ingest-orders -> TRIGGER:sales-join", "JOB:ingest-payments -> TRIGGER:sales-join",
                "TRIGGER:sales-join -> JOB:transform-sales", "TRIGGER:sales-publish -> CRAWLER:catalog-sales");
        JsonNode start = node(graph, "sales-start").get("TriggerDetails").get("Trigger");
        assertThat(start.get("Schedule").asText()).isEqualTo("cron(0 * * * ? *)");
        assertThat(start.get("State").asText()).isEqualTo("ACTIVATED");
    }

    @Test
    void getAfterARun_shouldCarryTheLatestRunAsLastRun() {
        // GIVEN
        deployment.startRun();
        String latest = deployment.startRun("--property", "note=latest");

        // WHEN
        Result result = deployment.glueorch("workflows", "get", WORKFLOW, "--output", "json");

        // THEN
        JsonNode lastRun = result.json().get("Workflow").get("LastRun");
        assertThat(lastRun.get("WorkflowRunId").asText()).isEqualTo(latest);
        assertThat(lastRun.get("Status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void getSeveralNames_shouldAnswerBatchGetWorkflowsListingTheMissingOnes() {
        // WHEN
        Result result = deployment.glueorch("workflows", "get", WORKFLOW, "orders-daily", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json().get("Workflows")).singleElement()
                .satisfies(w -> assertThat(w.get("Name").asText()).isEqualTo(WORKFLOW));
        assertThat(names(result.json().get("MissingWorkflows"))).containsExactly("orders-daily");
        assertThat(result.err()).contains("'orders-daily' not found");
    }

    @Test
    void getUnknownName_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("workflows", "get", "orders-daily");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("'orders-daily' not found").contains("glueorch workflows list");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void getAsTable_shouldShowTheWorkflowAndEachTriggerInColumns() {
        // WHEN
        Result result = deployment.glueorch("workflows", "get", WORKFLOW);

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).contains("  max concurrent runs: 2", "  last run: none");
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line)
                .matches("  sales-join +CONDITIONAL +ACTIVATED +ingest-orders SUCCEEDED AND ingest-payments "
                        + "SUCCEEDED +job transform-sales"));
    }

    @Test
    void unknownTable_shouldFailSayingWhichTableToPass() {
        // WHEN
        Result result = deployment.glueorch("workflows", "list", "--table-name", "no-such-table");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no-such-table").contains("--table-name");
    }

    private static JsonNode node(JsonNode graph, String name) {
        for (JsonNode node : graph.get("Nodes")) {
            if (node.get("Name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no node " + name + " in " + graph);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
