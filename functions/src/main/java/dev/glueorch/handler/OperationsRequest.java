package dev.glueorch.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.OperationException;
import dev.glueorch.engine.WorkflowOperations;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the operations function, in the field names of Glue's requests: {@code {"Operation":
 * "StartWorkflowRun", "Name": ..., "RunProperties": {...}, "Partition": ...}}, {@code StopWorkflowRun}
 * ({@code Name}, {@code RunId}), {@code GetWorkflowRun} ({@code Name}, {@code RunId}) and {@code Backfill}
 * ({@code Name}, {@code From}, {@code To}, {@code MaxConcurrent}: one step; call again until {@code Done}).
 */
final class OperationsRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationsRequest() {
    }

    /** Carries out the request and returns the answer, in the shape of Glue's response where Glue has one. */
    static Map<String, Object> handle(InputStream input, WorkflowOperations operations) {
        JsonNode request;
        try {
            request = JSON.readTree(input);
        } catch (IOException e) {
            throw invalid("the request is not JSON: " + e.getMessage());
        }
        if (request == null || !request.isObject()) {
            throw invalid("the request must be a JSON object with Operation and Name");
        }
        String operation = text(request, "Operation");
        String name = text(request, "Name");
        Map<String, Object> response = new LinkedHashMap<>();
        switch (operation) {
            case "StartWorkflowRun" -> response.put("RunId", operations.startWorkflowRun(name,
                    strings(request.get("RunProperties")), request.hasNonNull("Partition")
                            ? request.get("Partition").asText() : null).workflowRunId());
            case "StopWorkflowRun" -> operations.stopWorkflowRun(name, text(request, "RunId"));
            case "GetWorkflowRun" -> {
                var run = operations.getWorkflowRun(name, text(request, "RunId"));
                response.put("Status", run.status().name());
                response.put("Statistics", run.statistics().toGlueShape());
            }
            case "Backfill" -> {
                WorkflowOperations.BackfillStep step = operations.backfillStep(name, text(request, "From"),
                        text(request, "To"), request.path("MaxConcurrent").asInt(2));
                response.put("Partitions", step.partitions());
                response.put("StartedNow", step.startedNow());
                response.put("Active", step.active());
                response.put("Finished", step.finished());
                response.put("NotStarted", step.notStarted());
                response.put("Done", step.done());
            }
            default -> throw invalid("Operation '" + operation + "' is not one of StartWorkflowRun, "
                    + "StopWorkflowRun, GetWorkflowRun, Backfill");
        }
        return response;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid("the request needs " + field);
        }
        return value.asText();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        }
        return values;
    }

    private static OperationException invalid(String message) {
        return new OperationException(OperationException.Kind.INVALID_INPUT, message);
    }
}
