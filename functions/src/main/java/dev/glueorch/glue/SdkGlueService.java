package dev.glueorch.glue;

import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.StartRejectedException;
import dev.glueorch.model.CrawlState;
import dev.glueorch.model.JobRunState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobRunsResponse;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;

/**
 * The Glue API: starts job runs and crawls, sorting Glue's refusals into "wait and retry" and "give up", and reads
 * their real state back for the reconciler.
 */
public final class SdkGlueService implements GlueService {

    /** Errors that say "not now": the action waits and is retried (the rest end it as errored). */
    static final Set<String> RETRYABLE = Set.of("ConcurrentRunsExceededException", "ThrottlingException",
            "InternalServiceException", "OperationTimeoutException", "ResourceNumberLimitExceededException",
            "CrawlerRunningException", "Throttling", "ServiceUnavailableException");

    private static final String ROLE_SESSION = "glue-orchestrator";
    private static final int JOB_RUNS_PAGE = 200;
    private static final int MAX_JOB_RUN_PAGES = 5;

    private final GlueClient glue;
    private final Function<AwsCredentialsProvider, GlueClient> glueWithCredentials;
    private final StsClient sts;
    private final Map<String, SdkGlueService> byRole = new ConcurrentHashMap<>();

    /** This account's Glue only. */
    public SdkGlueService(GlueClient glue) {
        this(glue, null, null);
    }

    /**
     * This account's Glue, and other accounts' through roles: {@code glueWithCredentials} builds a Glue client with
     * the given credentials (same region and HTTP client); {@code sts} assumes the roles.
     */
    public SdkGlueService(GlueClient glue, Function<AwsCredentialsProvider, GlueClient> glueWithCredentials,
                          StsClient sts) {
        this.glue = glue;
        this.glueWithCredentials = glueWithCredentials;
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
                    .stsClient(sts)
                    .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(ROLE_SESSION).externalId(externalId))
                    .prefetchTime(Duration.ofMinutes(5))
                    .staleTime(Duration.ofMinutes(1))
                    .build();
            return new SdkGlueService(glueWithCredentials.apply(credentials));
        });
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        StartJobRunRequest.Builder request = StartJobRunRequest.builder().jobName(jobName).arguments(arguments);
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (securityConfiguration != null) {
            request.securityConfiguration(securityConfiguration);
        }
        if (notifyDelayAfter != null) {
            request.notificationProperty(n -> n.notifyDelayAfter(notifyDelayAfter));
        }
        try {
            return glue.startJobRun(request.build()).jobRunId();
        } catch (AwsServiceException e) {
            throw rejected(e);
        } catch (SdkClientException e) {
            throw new StartRejectedException("SdkClientException", e.getMessage(), true, e);
        }
    }

    @Override
    public void startCrawler(String crawlerName) {
        try {
            glue.startCrawler(b -> b.name(crawlerName));
        } catch (AwsServiceException e) {
            throw rejected(e);
        } catch (SdkClientException e) {
            throw new StartRejectedException("SdkClientException", e.getMessage(), true, e);
        }
    }

    @Override
    public Map<String, String> stopJobRuns(String jobName, java.util.List<String> jobRunIds) {
        Map<String, String> failed = new java.util.LinkedHashMap<>();
        try {
            glue.batchStopJobRun(b -> b.jobName(jobName).jobRunIds(jobRunIds)).errors()
                    .forEach(e -> failed.put(e.jobRunId(), e.errorDetail() == null ? "unknown"
                            : e.errorDetail().errorCode() + ": " + e.errorDetail().errorMessage()));
        } catch (AwsServiceException e) {
            jobRunIds.forEach(id -> failed.put(id, rejected(e).getMessage()));
        }
        return failed;
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        try {
            return Optional.of(status(glue.getJobRun(b -> b.jobName(jobName).runId(jobRunId)).jobRun()));
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<JobRunStatus> findJobRun(String jobName, String actionId) {
        // Newest first; a lost start is minutes old, so a bounded look back is enough.
        int pages = 0;
        String token = null;
        do {
            String next = token;
            GetJobRunsResponse page;
            try {
                page = glue.getJobRuns(b -> b.jobName(jobName).maxResults(JOB_RUNS_PAGE).nextToken(next));
            } catch (EntityNotFoundException e) {
                return Optional.empty();
            }
            for (JobRun run : page.jobRuns()) {
                if (run.hasArguments() && actionId.equals(run.arguments().get(ArgumentResolver.ACTION_ID_ARGUMENT))) {
                    return Optional.of(status(run));
                }
            }
            token = page.nextToken();
        } while (token != null && ++pages < MAX_JOB_RUN_PAGES);
        return Optional.empty();
    }

    @Override
    public Optional<CrawlStatus> lastCrawl(String crawlerName) {
        Crawler crawler;
        try {
            crawler = glue.getCrawler(b -> b.name(crawlerName)).crawler();
        } catch (EntityNotFoundException e) {
            return Optional.empty();
        }
        if (crawler.state() == CrawlerState.RUNNING || crawler.state() == CrawlerState.STOPPING) {
            return Optional.of(new CrawlStatus(CrawlState.RUNNING, null, null, null));
        }
        LastCrawlInfo last = crawler.lastCrawl();
        if (last == null || last.status() == null) {
            return Optional.empty();
        }
        CrawlState state = switch (last.status()) {
            case SUCCEEDED -> CrawlState.SUCCEEDED;
            case CANCELLED -> CrawlState.CANCELLED;
            default -> CrawlState.FAILED;
        };
        return Optional.of(new CrawlStatus(state, last.startTime(), null, last.errorMessage()));
    }

    private static JobRunStatus status(JobRun run) {
        JobRunState state;
        try {
            state = JobRunState.valueOf(run.jobRunStateAsString());
        } catch (IllegalArgumentException | NullPointerException e) {
            // e.g. EXPIRED: a run Glue gave up on counts as errored
            state = JobRunState.ERROR;
        }
        return new JobRunStatus(run.id(), state, run.startedOn(), run.completedOn(), run.errorMessage());
    }

    private static StartRejectedException rejected(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        boolean retryable = RETRYABLE.contains(code) || e.isThrottlingException() || e.statusCode() >= 500;
        return new StartRejectedException(code, message, retryable, e);
    }
}
