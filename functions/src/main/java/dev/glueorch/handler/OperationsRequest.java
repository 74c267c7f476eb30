package dev.glueorch.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.engine.OperationException;
import dev.glueorch.engine.PartitionOperations;
import dev.glueorch.engine.PartitionRepair;
import dev.glueorch.engine.RepairPlan;
import dev.glueorch.engine.RepairStep;
import dev.glueorch.engine.WorkflowOperations;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the operations function, in the field names of Glue's requests: {@code {"Operation":
 * "StartWorkflowRun", "Name": ..., "RunProperties": {...}, "Partition": ...}}, {@code StopWorkflowRun}
 * ({@code Name}, {@code RunId}), {@code GetWorkflowRun} ({@code Name}, {@code RunId}), {@code Backfill}
 * ({@code Name}, {@code From}, {@code To}, {@code MaxConcurrent}: one step; call again until {@code Done}) and
 * {@code RepairPartitions} ({@code Name}, {@code From}, {@code To}, {@code Failed}, {@code Missing},
 * {@code MaxConcurrent}, {@code DryRun}; {@code Before} from the first step on: one step; call again until
 * {@code Done}).
 */
final class OperationsRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationsRequest() {
    }

    /** Carries out the request and returns the answer, in the shape of Glue's response where Glue has one. */
    static Map<String, Object> handle(InputStream input, WorkflowOperations operations,
                                      PartitionOperations partitionOperations) {
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
                PartitionOperations.BackfillStep step = partitionOperations.backfillStep(name, text(request, "From"),
                        text(request, "To"), request.path("MaxConcurrent").asInt(2));
                response.put("Partitions", step.partitions());
                response.put("StartedNow", step.startedNow());
                response.put("Active", step.active());
                response.put("Finished", step.finished());
                response.put("NotStarted", step.notStarted());
                response.put("Done", step.done());
            }
            case "RepairPartitions" -> response.putAll(repairPartitions(request, name, partitionOperations));
            default -> throw invalid("Operation '" + operation + "' is not one of StartWorkflowRun, "
                    + "StopWorkflowRun, GetWorkflowRun, Backfill, RepairPartitions");
        }
        return response;
    }

    /**
     * One step of a repair of the partitions from {@code From} to {@code To}, or with {@code DryRun} what it would
     * do. The first step answers {@code Before}, which every later step passes back.
     */
    private static Map<String, Object> repairPartitions(JsonNode request, String name,
                                                        PartitionOperations operations) {
        String from = partition(request, "From", "the first partition to repair");
        String to = partition(request, "To", "the last partition to repair, included");
        boolean failed = flag(request, "Failed");
        boolean missing = flag(request, "Missing");
        if (!failed && !missing) {
            throw invalid("RepairPartitions needs Failed, Missing or both set to true: Failed resumes the runs of "
                    + "failed partitions, Missing starts the runs of missing ones");
        }
        JsonNode maxConcurrent = request.path("MaxConcurrent");
        if (!maxConcurrent.isMissingNode() && (!maxConcurrent.canConvertToInt() || !maxConcurrent.isIntegralNumber()
                || maxConcurrent.asInt() < 1)) {
            throw invalid("MaxConcurrent must be a whole number, 1 or more: the repair's runs active at once "
                    + "(default 2)");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (flag(request, "DryRun")) {
            RepairPlan plan = operations.planRepair(operations.partitions(name, from, to), failed, missing);
            response.put("Partitions", plan.partitions());
            response.put("Repairs", plan.repairs().stream().map(PartitionRepair::toShape).toList());
            response.put("Done", true);
            return response;
        }
        RepairStep step = operations.repairStep(name, from, to, failed, missing, maxConcurrent.asInt(2),
                before(request));
        response.put("Partitions", step.partitions());
        response.put("ResumedNow", step.resumedNow());
        response.put("StartedNow", step.startedNow());
        response.put("Active", step.active());
        response.put("Finished", step.finished());
        response.put("NotStarted", step.notStarted());
        response.put("Skipped", step.skipped());
        response.put("Before", step.before().toString());
        response.put("Done", step.done());
        return response;
    }

    private static String partition(JsonNode request, String field, String what) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid("the request needs " + field + ", " + what + ": 2026-11-21T13 for an hourly workflow, "
                    + "2026-11-21 for a daily one");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(field + " must be true or false (a JSON boolean, not " + value + ")");
        }
        return value.asBoolean();
    }

    /** The first step's time, passed back by every later step; {@code null} on the first step. */
    private static Instant before(JsonNode request) {
        JsonNode value = request.get("Before");
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid("Before must be the Before the first RepairPartitions step answered (an ISO-8601 time "
                    + "such as 2026-11-21T14:00:00Z), passed back unchanged; leave it out on the first step");
        }
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
