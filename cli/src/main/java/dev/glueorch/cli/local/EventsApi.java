package dev.glueorch.cli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * EventBridge's PutEvents, for the events an operator command publishes as the functions would (run started, run
 * stopped, ...): the local orchestrator's bus accepts them and prints them with its own, so nothing an operator
 * command does against it reaches an AWS account's bus.
 */
final class EventsApi implements JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalLog log;

    EventsApi(LocalLog log) {
        this.log = log;
    }

    @Override
    public String targetPrefix() {
        return "AWSEvents";
    }

    @Override
    public ObjectNode answer(String operation, JsonNode request) {
        if (!"PutEvents".equals(operation)) {
            throw AwsApiException.invalid("UnknownOperationException", "the local orchestrator's EventBridge "
                    + "answers only PutEvents, not " + operation);
        }
        ObjectNode response = JSON.createObjectNode().put("FailedEntryCount", 0);
        ArrayNode entries = response.putArray("Entries");
        for (JsonNode entry : request.path("Entries")) {
            log.published(entry.path("DetailType").asText(), detail(entry.path("Detail").asText()));
            entries.addObject().put("EventId", UUID.randomUUID().toString());
        }
        return response;
    }

    private static JsonNode detail(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw AwsApiException.invalid("ValidationException", "Detail is not a JSON object: "
                    + e.getOriginalMessage());
        }
    }
}
