package dev.glueorch.cli.ops;

import static dev.glueorch.cli.ops.Deployment.WORKFLOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.cli.ops.Deployment.Result;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Deployments.class)
class TriggersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deployment deployment;

    TriggersCommandTest(Deployment deployment) {
        this.deployment = deployment;
    }

    @Test
    void list_shouldAnswerListTriggersWithEveryTriggerName() {
        // WHEN
        Result all = deployment.glueorch("triggers", "list", "--output", "json");
        Result ofWorkflow = deployment.glueorch("triggers", "list", "--workflow", WORKFLOW, "--output", "json");

        // THEN
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(names(all.json().get("TriggerNames"))).containsExactly("sales-start", "sales-on-demand",
                "sales-join", "sales-publish", "sales-alert");
        assertThat(ofWorkflow.json()).isEqualTo(all.json());
    }

    @Test
    void listOfUnknownWorkflow_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("triggers", "list", "--workflow", "orders-daily");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("'orders-daily' not found");
    }

    @Test
    void getOneName_shouldAnswerGetTriggerInGluesTriggerShape() throws IOException {
        // WHEN
        Result result = deployment.glueorch("triggers", "get", "sales-join", "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.json()).isEqualTo(JSON.readTree("""
                {"Trigger": {
                  "Name": "sales-join", "WorkflowName": "sales-hourly", "Type": "CONDITIONAL", "State": "ACTIVATED",
                  "Actions": [{"JobName": "transform-sales", "Timeout": 60, "Arguments":
                      {"--target": "${lake}/sales/${day_partition_value}/${hour_partition_value}"}}],
                  "Predicate": {"Logical": "AND", "Conditions": [
                    {"LogicalOperator": "EQUALS", "JobName": "ingest-orders", "State": "SUCCEEDED"},
                    {"LogicalOperator": "EQUALS", "JobName": "ingest-payments", "State": "SUCCEEDED"}]}}}
                """));
    }

    @Test
    void getSeveralNames_shouldAnswerBatchGetTriggersListingThoseNotFound() {
        // WHEN
        Result result = deployment.glueorch("triggers", "get", "sales-start", "sales-nightly", "sales-publish",
                "--output", "json");

        // THEN
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> found = new ArrayList<>();
        result.json().get("Triggers").forEach(t -> found.add(t.get("Name").asText()));
        assertThat(found).containsExactly("sales-start", "sales-publish");
        assertThat(names(result.json().get("TriggersNotFound"))).containsExactly("sales-nightly");
        JsonNode publish = result.json().get("Triggers").get(1);
        assertThat(publish.get("Actions").get(1).get("CrawlerName").asText()).isEqualTo("catalog-sales");
    }

    @Test
    void getUnknownName_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("triggers", "get", "sales-nightly");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("'sales-nightly' not found");
    }

    @Test
    void deactivateThenActivate_shouldAnswerTheNameAndChangeTheState() {
        // WHEN
        Result deactivated = deployment.glueorch("triggers", "deactivate", "sales-start", "--output", "json");
        String stateAfterDeactivate = state("sales-start");
        Result activated = deployment.glueorch("triggers", "activate", "sales-start", "--output", "json");

        // THEN
        assertThat(deactivated.exitCode()).as(deactivated.err()).isZero();
        assertThat(deactivated.json().get("Name").asText()).isEqualTo("sales-start");
        assertThat(stateAfterDeactivate).isEqualTo("DEACTIVATED");
        assertThat(activated.exitCode()).as(activated.err()).isZero();
        assertThat(activated.json().get("Name").asText()).isEqualTo("sales-start");
        assertThat(state("sales-start")).isEqualTo("ACTIVATED");
    }

    @Test
    void activateUnknownTrigger_shouldFailNamingIt() {
        // WHEN
        Result result = deployment.glueorch("triggers", "activate", "sales-nightly");

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("sales-nightly");
    }

    @Test
    void getAsTable_shouldShowEachTriggerInColumns() {
        // GIVEN
        deployment.glueorch("triggers", "deactivate", "sales-alert");

        // WHEN
        Result result = deployment.glueorch("triggers", "get", "sales-start", "sales-alert");

        // THEN
        assertThat(result.out().lines().toList()).hasSize(3);
        assertThat(result.out().lines().findFirst().orElseThrow())
                .matches("TRIGGER +WORKFLOW +TYPE +STATE +WHEN +ACTIONS");
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line).matches("sales-start +sales-hourly "
                + "+SCHEDULED +ACTIVATED +cron\\(0 \\* \\* \\* \\? \\*\\) +job ingest-orders, job ingest-payments"));
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line).matches("sales-alert +sales-hourly "
                + "+CONDITIONAL +DEACTIVATED +ingest-orders FAILED ANY .* +job alert-on-failure"));
    }

    private String state(String trigger) {
        return deployment.glueorch("triggers", "get", trigger, "--output", "json").json().get("Trigger")
                .get("State").asText();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
