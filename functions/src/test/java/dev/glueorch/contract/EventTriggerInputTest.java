package dev.glueorch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventTriggerInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inputTemplate_shouldPutTheWholeEventBesideWorkflowAndTrigger() {
        // WHEN the template of a plain trigger is built
        String template = EventTriggerInput.inputTemplate("sales", "on-drop");
        // THEN it is EventBridge's template with the predefined variable of the whole event
        assertThat(template).isEqualTo("{\"glueorch\": \"EventTrigger\", \"workflow\": \"sales\", "
                + "\"trigger\": \"on-drop\", \"event\": <aws.events.event.json>}");
    }

    @Test
    void inputTemplate_shouldEscapeNamesSoTheyReadBackAsWrittenAndNeverAsVariables() throws Exception {
        // GIVEN names with quotes, a backslash and angle brackets (Glue names may hold them)
        String workflow = "sales \"eu\" \\ <aws.events.rule-name>";
        // WHEN the template is built and EventBridge substitutes the event
        String template = EventTriggerInput.inputTemplate(workflow, "t>1");
        String delivered = template.replace("<" + EventTriggerInput.EVENT_VARIABLE + ">", "{\"id\": \"e-1\"}");
        // THEN the only variable is the event, and the names read back unchanged
        assertThat(template.replace("<" + EventTriggerInput.EVENT_VARIABLE + ">", "")).doesNotContain("<", ">");
        JsonNode input = JSON.readTree(delivered);
        assertThat(input.get(EventTriggerInput.WORKFLOW_FIELD).asText()).isEqualTo(workflow);
        assertThat(input.get(EventTriggerInput.TRIGGER_FIELD).asText()).isEqualTo("t>1");
        assertThat(input.get(EventTriggerInput.EVENT_FIELD).get("id").asText()).isEqualTo("e-1");
    }
}
