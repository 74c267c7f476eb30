package dev.glueorch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is written that the validator refuses, alone or with the folder's other workflow files. */
class WorkflowFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void workflowClashingWithTheFoldersFiles_shouldNotBeWritten_andTheOthersShould() throws IOException {
        // GIVEN a workflow file already there with trigger 'start'
        Files.writeString(folder.resolve("billing.json"), "{\"Workflow\": {\"Name\": \"billing\"}, \"Triggers\": "
                + "[{\"Name\": \"start\", \"Type\": \"ON_DEMAND\", \"Actions\": [{\"JobName\": \"bill\"}]}]}");
        GlueEstate estate = new GlueEstate(List.of(json("{\"Name\": \"orders\"}"), json("{\"Name\": \"refunds\"}")),
                List.of(json("{\"Name\": \"start\", \"WorkflowName\": \"orders\", \"Type\": \"ON_DEMAND\", "
                                + "\"Actions\": [{\"JobName\": \"load\"}]}"),
                        json("{\"Name\": \"refund-start\", \"WorkflowName\": \"refunds\", \"Type\": \"ON_DEMAND\", "
                                + "\"Actions\": [{\"JobName\": \"refund\"}]}")), Map.of(), List.of());
        ImportPlan plan = new EstateMapper("stack.yaml", false).map(estate, Set.of());

        // WHEN
        ImportReport report = new WorkflowFiles().write(plan, folder, false);

        // THEN
        assertThat(report.written()).extracting(ImportReport.Written::workflow).containsExactly("refunds");
        assertThat(folder.resolve("orders.json")).doesNotExist();
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(ImportFinding.Kind.NEEDS_DECISION);
            assertThat(finding.subject()).isEqualTo("workflow orders");
            assertThat(finding.message()).startsWith("not written: " + folder + "/orders.json: trigger 'start'")
                    .contains("duplicate trigger name, already defined in " + folder + "/billing.json");
        });
        assertThat(report.needsDecision()).isTrue();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
