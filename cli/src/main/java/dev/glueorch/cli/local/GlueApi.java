package dev.glueorch.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glueorch.cli.simulate.SimulatedGlue;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.StartOutcomeUnknownException;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.CrawlState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Glue operations the orchestrator's Glue adapter ({@code glue/SdkGlueService}) calls, in Glue's request and
 * response shapes, answered by the local orchestrator's simulated Glue: StartJobRun, StartCrawler, BatchStopJobRun,
 * GetJobRun, GetJobRuns and GetCrawler. A job run that {@code runs start} or {@code runs stop} of another process
 * starts or stops is the one the local handlers receive the events of.
 */
final class GlueApi implements JsonApi {

    /** The operations served, by their {@code X-Amz-Target} name. */
    static final Set<String> OPERATIONS = Set.of("StartJobRun", "StartCrawler", "BatchStopJobRun", "GetJobRun",
            "GetJobRuns", "GetCrawler");
    private static final int MAX_RESULTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalGlue glue;

    GlueApi(LocalGlue glue) {
        this.glue = glue;
    }

    @Override
    public String targetPrefix() {
        return "AWSGlue";
    }

    @Override
    public ObjectNode answer(String operation, JsonNode request) {
        return switch (operation) {
            case "StartJobRun" -> startJobRun(request);
            case "StartCrawler" -> startCrawler(request);
            case "BatchStopJobRun" -> batchStopJobRun(request);
            case "GetJobRun" -> getJobRun(request);
            case "GetJobRuns" -> getJobRuns(request);
            case "GetCrawler" -> getCrawler(request);
            default -> throw AwsApiException.invalid("UnknownOperationException", "the local orchestrator's Glue "
                    + "answers only " + OPERATIONS + ", not " + operation);
        };
    }

    private ObjectNode startJobRun(JsonNode request) {
        Map<String, String> arguments = new LinkedHashMap<>();
        request.path("Arguments").properties().forEach(e -> arguments.put(e.getKey(), e.getValue().asText()));
        JsonNode delay = request.path("NotificationProperty").path("NotifyDelayAfter");
        try {
            String jobRunId = glue.startJobRun(required(request, "JobName"), arguments,
                    request.hasNonNull("Timeout") ? request.get("Timeout").asInt() : null,
                    request.path("SecurityConfiguration").textValue(), delay.isNumber() ? delay.asInt() : null);
            return JSON.createObjectNode().put("JobRunId", jobRunId);
        } catch (StartRejectedException e) {
            throw AwsApiException.invalid(e.errorCode(), e.getMessage());
        } catch (StartOutcomeUnknownException e) {
            throw new AwsApiException("InternalServiceException", e.getMessage(), 500);
        }
    }

    private ObjectNode startCrawler(JsonNode request) {
        try {
            glue.startCrawler(required(request, "Name"));
        } catch (StartRejectedException e) {
            throw AwsApiException.invalid(e.errorCode(), e.getMessage());
        }
        return JSON.createObjectNode();
    }

    private ObjectNode batchStopJobRun(JsonNode request) {
        String jobName = required(request, "JobName");
        List<String> ids = new ArrayList<>();
        request.path("JobRunIds").forEach(id -> ids.add(id.asText()));
        Map<String, String> failed = glue.stopJobRuns(jobName, ids);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode submitted = response.putArray("SuccessfulSubmissions");
        ArrayNode errors = response.putArray("Errors");
        for (String id : ids) {
            if (glue.jobRun(jobName, id).isEmpty()) {
                error(errors, jobName, id, "EntityNotFoundException", "Job run " + id + " of " + jobName
                        + " not found");
            } else if (failed.containsKey(id)) {
                error(errors, jobName, id, "InvalidInputException", failed.get(id));
            } else {
                submitted.addObject().put("JobName", jobName).put("JobRunId", id);
            }
        }
        return response;
    }

    private static void error(ArrayNode errors, String jobName, String id, String code, String message) {
        ObjectNode error = errors.addObject().put("JobName", jobName).put("JobRunId", id);
        error.putObject("ErrorDetail").put("ErrorCode", code).put("ErrorMessage", message);
    }

    private ObjectNode getJobRun(JsonNode request) {
        String jobName = required(request, "JobName");
        String runId = required(request, "RunId");
        SimulatedGlue.JobRunRecord run = glue.jobRuns(jobName).stream().filter(r -> r.jobRunId().equals(runId))
                .findFirst().orElseThrow(() -> AwsApiException.invalid("EntityNotFoundException", "Job run "
                        + runId + " of job " + jobName + " not found"));
        ObjectNode response = JSON.createObjectNode();
        response.set("JobRun", jobRun(run));
        return response;
    }

    private ObjectNode getJobRuns(JsonNode request) {
        String jobName = required(request, "JobName");
        int max = Math.min(request.path("MaxResults").asInt(MAX_RESULTS), MAX_RESULTS);
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        List<SimulatedGlue.JobRunRecord> runs = glue.jobRuns(jobName);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode page = response.putArray("JobRuns");
        runs.subList(Math.min(from, runs.size()), Math.min(from + max, runs.size()))
                .forEach(run -> page.add(jobRun(run)));
        if (from + max < runs.size()) {
            response.put("NextToken", Integer.toString(from + max));
        }
        return response;
    }

    /** A job run in GetJobRun's shape: its state now, and the action id it was started with. */
    private ObjectNode jobRun(SimulatedGlue.JobRunRecord run) {
        GlueService.JobRunStatus status = glue.jobRun(run.jobName(), run.jobRunId()).orElseThrow();
        ObjectNode json = JSON.createObjectNode();
        json.put("Id", run.jobRunId()).put("Attempt", 0).put("JobName", run.jobName());
        epochSeconds(json, "StartedOn", status.startedOn());
        epochSeconds(json, "CompletedOn", status.completedOn());
        json.put("JobRunState", status.state().name());
        if (run.actionId() != null) {
            json.putObject("Arguments").put(ArgumentResolver.ACTION_ID_ARGUMENT, run.actionId());
        }
        if (status.errorMessage() != null) {
            json.put("ErrorMessage", status.errorMessage());
        }
        return json;
    }

    private ObjectNode getCrawler(JsonNode request) {
        String name = required(request, "Name");
        ObjectNode response = JSON.createObjectNode();
        ObjectNode crawler = response.putObject("Crawler").put("Name", name);
        glue.lastCrawl(name).ifPresentOrElse(crawl -> {
            boolean running = crawl.state() == CrawlState.RUNNING;
            crawler.put("State", running ? "RUNNING" : "READY");
            if (!running) {
                ObjectNode last = crawler.putObject("LastCrawl").put("Status", crawl.state().name());
                epochSeconds(last, "StartTime", crawl.startedOn());
                if (crawl.errorMessage() != null) {
                    last.put("ErrorMessage", crawl.errorMessage());
                }
            }
        }, () -> crawler.put("State", "READY"));
        return response;
    }

    /** Timestamps in the JSON 1.1 protocol are seconds since the epoch, with a fraction. */
    private static void epochSeconds(ObjectNode json, String field, Instant instant) {
        if (instant != null) {
            json.put(field, instant.toEpochMilli() / 1000.0);
        }
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw AwsApiException.invalid("InvalidInputException", field + " is required");
        }
        return value.asText();
    }
}
