package dev.glueorch.glue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glueorch.aws.AwsCallException;
import dev.glueorch.aws.AwsJsonClient;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The Glue API (StartJobRun, StartCrawler, BatchStopJobRun, GetJobRun, GetJobRuns, GetCrawler): starts job runs and
 * crawls, sorting Glue's refusals into "wait and retry" and "give up", and reads their real state back for the
 * reconciler. Requests and answers are Glue's JSON shapes, field for field.
 */
public final class GlueApiService implements GlueService {

    /** Errors that say "not now": the action waits and is retried (the rest end it as errored). */
    static final Set<String> RETRYABLE = Set.of("ConcurrentRunsExceededException", "ThrottlingException",
            "InternalServiceException", "OperationTimeoutException", "ResourceNumberLimitExceededException",
            "CrawlerRunningException", "Throttling", "ServiceUnavailableException");

    private static final String ENTITY_NOT_FOUND = "EntityNotFoundException";
    private static final String ROLE_SESSION = "glue-orchestrator";
    private static final int JOB_RUNS_PAGE = 200;
    private static final int MAX_JOB_RUN_PAGES = 5;

    private final AwsJsonClient glue;
    private final Supplier<StsClient> sts;
    private final Map<String, GlueApiService> byRole = new ConcurrentHashMap<>();

    /** This account's Glue only. */
    public GlueApiService(AwsJsonClient glue) {
        this(glue, null);
    }

    /**
     * This account's Glue, and other accounts' through roles that {@code sts} assumes (asked for the client only when
     * the first such role is needed).
     */
    public GlueApiService(AwsJsonClient glue, Supplier<StsClient> sts) {
        this.glue = glue;
        this.sts = sts;
    }

    /**
     * One client per role, built once: its credentials come from AssumeRole and are refreshed by the SDK a few
     * minutes before they expire, so a warm function does not call STS per start.
     */
    @Override
    public GlueService forRole(String roleArn, String externalId) {
        if (roleArn == null) {
            return this;
        }
        if (sts == null) {
            throw new IllegalStateException("no STS client: cannot assume " + roleArn);
        }
        return byRole.computeIfAbsent(roleArn + "|" + externalId, key -> {
            StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts.get())
                    .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(ROLE_SESSION).externalId(externalId))
                    .prefetchTime(Duration.ofMinutes(5))
                    .staleTime(Duration.ofMinutes(1))
                    .build();
            return new GlueApiService(glue.withCredentials(credentials));
        });
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("JobName", jobName);
        request.put("Arguments", arguments);
        request.put("Timeout", timeout);
        request.put("SecurityConfiguration", securityConfiguration);
        if (notifyDelayAfter != null) {
            request.put("NotificationProperty", Map.of("NotifyDelayAfter", notifyDelayAfter));
        }
        try {
            return glue.call("StartJobRun", request).path("JobRunId").asText();
        } catch (AwsCallException e) {
            throw rejected(e);
        }
    }

    @Override
    public void startCrawler(String crawlerName) {
        try {
            glue.call("StartCrawler", Map.of("Name", crawlerName));
        } catch (AwsCallException e) {
            throw rejected(e);
        }
    }

    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        Map<String, String> failed = new LinkedHashMap<>();
        try {
            JsonNode answer = glue.call("BatchStopJobRun", Map.of("JobName", jobName, "JobRunIds", jobRunIds));
            for (JsonNode error : answer.path("Errors")) {
                JsonNode detail = error.path("ErrorDetail");
                failed.put(error.path("JobRunId").asText(), detail.isMissingNode() ? "unknown"
                        : detail.path("ErrorCode").asText() + ": " + detail.path("ErrorMessage").asText());
            }
        } catch (AwsCallException e) {
            jobRunIds.forEach(id -> failed.put(id, rejected(e).getMessage()));
        }
        return failed;
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        return ifFound(() -> status(glue.call("GetJobRun", Map.of("JobName", jobName, "RunId", jobRunId))
                .path("JobRun")));
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        // Newest first; a lost start is minutes old, so a bounded look back is enough.
        int pages = 0;
        String token = null;
        do {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("JobName", jobName);
            request.put("MaxResults", JOB_RUNS_PAGE);
            request.put("NextToken", token);
            Optional<JsonNode> page = ifFound(() -> glue.call("GetJobRuns", request));
            if (page.isEmpty()) {
                return Optional.empty();
            }
            for (JsonNode run : page.get().path("JobRuns")) {
                if (actionId.equals(run.path("Arguments").path(ArgumentResolver.ACTION_ID_ARGUMENT).asText(null))) {
                    return Optional.of(status(run));
                }
            }
            token = page.get().path("NextToken").asText(null);
        } while (token != null && ++pages < MAX_JOB_RUN_PAGES);
        return Optional.empty();
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        Optional<JsonNode> found = ifFound(() -> glue.call("GetCrawler", Map.of("Name", crawlerName))
                .path("Crawler"));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode crawler = found.get();
        String crawlerState = crawler.path("State").asText();
        if (crawlerState.equals("RUNNING") || crawlerState.equals("STOPPING")) {
            return Optional.of(new CrawlStatus(CrawlState.RUNNING, null, null, null));
        }
        JsonNode last = crawler.path("LastCrawl");
        String status = last.path("Status").asText(null);
        if (status == null) {
            return Optional.empty();
        }
        CrawlState state = switch (status) {
            case "SUCCEEDED" -> CrawlState.SUCCEEDED;
            case "CANCELLED" -> CrawlState.CANCELLED;
            default -> CrawlState.FAILED;
        };
        return Optional.of(new CrawlStatus(state, AwsJsonClient.timestamp(last.get("StartTime")), null,
                last.path("ErrorMessage").asText(null)));
    }

    /** The answer of a read, or empty when Glue does not know the job, run or crawler. */
    private static <T> Optional<T> ifFound(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (AwsCallException e) {
            if (ENTITY_NOT_FOUND.equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static JobRunStatus status(JsonNode run) {
        JobRunState state;
        try {
            state = JobRunState.valueOf(run.path("JobRunState").asText());
        } catch (IllegalArgumentException e) {
            // e.g. EXPIRED: a run Glue gave up on counts as errored
            state = JobRunState.ERROR;
        }
        return new JobRunStatus(run.path("Id").asText(), state, AwsJsonClient.timestamp(run.get("StartedOn")),
                AwsJsonClient.timestamp(run.get("CompletedOn")), run.path("ErrorMessage").asText(null));
    }

    private static StartRejectedException rejected(AwsCallException e) {
        String code = e.errorCode() == null ? "NoAnswer" : e.errorCode();
        boolean retryable = RETRYABLE.contains(code) || e.isRetryable();
        return new StartRejectedException(code, e.errorMessage(), retryable, e);
    }
}
