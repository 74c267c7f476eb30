package dev.glueorch.glue;

import dev.glueorch.clients.AwsClients;
import dev.glueorch.clients.GlueClients;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.engine.GlueService;
import dev.glueorch.engine.StartOutcomeUnknownException;
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
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetJobRunsResponse;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.LastCrawlInfo;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Glue through the AWS SDK's generated client (StartJobRun, StartCrawler, BatchStopJobRun, GetJobRun, GetJobRuns,
 * GetCrawler): starts job runs and crawls, and reads their real state back for the reconciler.
 *
 * <p>A start that fails is sorted by what Glue's answer proves. A refusal (HTTP 4xx) proves the run was not started:
 * {@link StartRejectedException}, retryable when it says "not now". No answer, a timeout or a 5xx prove nothing — Glue
 * may have started the run before the answer was lost — so the start is never resent by the SDK
 * ({@link GlueClients#starts()}) and fails with {@link StartOutcomeUnknownException}, for the caller to look the run up
 * by its action id ({@link #findJobRun}) or the crawler's state ({@link #lastCrawl}).
 */
public final class SdkGlueService implements GlueService {

    /** Refusals that say "not now": the action waits and is started again later; other refusals end it. */
    static final Set<String> RETRYABLE_REFUSALS = Set.of("ConcurrentRunsExceededException", "ThrottlingException",
            "ResourceNumberLimitExceededException", "CrawlerRunningException");
    /** Glue's own faults: they may come after the run was started. */
    static final Set<String> UNKNOWN_OUTCOMES = Set.of("InternalServiceException", "OperationTimeoutException");
    /** The code of a start that got no answer at all (connection lost, timed out). */
    static final String NO_ANSWER = "NoAnswer";

    private static final String ROLE_SESSION = "glue-orchestrator";
    private static final int JOB_RUNS_PAGE = 200;
    private static final int MAX_JOB_RUN_PAGES = 5;

    /** Built on first use: most events a function receives need no Glue call (a run the orchestrator did not start). */
    private final Supplier<GlueClients> glue;
    private final Supplier<StsClient> sts;
    private final Function<AwsCredentialsProvider, GlueClients> glueWithCredentials;
    private final Map<String, SdkGlueService> byRole = new ConcurrentHashMap<>();

    /** This account's Glue, and other accounts' through roles assumed with the factory's STS client. */
    public SdkGlueService(AwsClients clients) {
        this(clients::glue, clients::sts, clients::glue);
    }

    /**
     * @param sts                 asked for the STS client only when the first role is assumed; {@code null} when no
     *                            role can be
     * @param glueWithCredentials builds Glue clients with an assumed role's credentials
     */
    SdkGlueService(Supplier<GlueClients> glue, Supplier<StsClient> sts,
                   Function<AwsCredentialsProvider, GlueClients> glueWithCredentials) {
        this.glue = glue;
        this.sts = sts;
        this.glueWithCredentials = glueWithCredentials;
    }

    /**
     * One pair of clients per role, built once: their credentials come from AssumeRole and are refreshed by the SDK a
     * few minutes before they expire, so a warm function does not call STS per start.
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
            GlueClients inRoleAccount = glueWithCredentials.apply(credentials);
            return new SdkGlueService(() -> inRoleAccount, null, glueWithCredentials);
        });
    }

    @Override
    public String startJobRun(String jobName, Map<String, String> arguments, Integer timeout,
                              String securityConfiguration, Integer notifyDelayAfter) {
        StartJobRunRequest.Builder request = StartJobRunRequest.builder().jobName(jobName).arguments(arguments)
                .timeout(timeout).securityConfiguration(securityConfiguration);
        if (notifyDelayAfter != null) {
            request.notificationProperty(n -> n.notifyDelayAfter(notifyDelayAfter));
        }
        try {
            return starts().startJobRun(request.build()).jobRunId();
        } catch (SdkException e) {
            throw startFailed(e);
        }
    }

    @Override
    public void startCrawler(String crawlerName) {
        try {
            starts().startCrawler(b -> b.name(crawlerName));
        } catch (SdkException e) {
            throw startFailed(e);
        }
    }

    @Override
    public Map<String, String> stopJobRuns(String jobName, List<String> jobRunIds) {
        Map<String, String> failed = new LinkedHashMap<>();
        try {
            reads().batchStopJobRun(b -> b.jobName(jobName).jobRunIds(jobRunIds)).errors()
                    .forEach(e -> failed.put(e.jobRunId(), e.errorDetail() == null ? "unknown"
                            : e.errorDetail().errorCode() + ": " + e.errorDetail().errorMessage()));
        } catch (SdkException e) {
            jobRunIds.forEach(id -> failed.put(id, code(e) + ": " + message(e)));
        }
        return failed;
    }

    @Override
    public Optional<JobRunStatus> jobRun(String jobName, String jobRunId) {
        try {
            return Optional.of(status(reads().getJobRun(b -> b.jobName(jobName).runId(jobRunId)).jobRun()));
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
                page = reads().getJobRuns(b -> b.jobName(jobName).maxResults(JOB_RUNS_PAGE).nextToken(next));
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
            crawler = reads().getCrawler(b -> b.name(crawlerName)).crawler();
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

    private GlueClient reads() {
        return glue.get().reads();
    }

    private GlueClient starts() {
        return glue.get().starts();
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

    /** What a failed start proves: a refusal (Glue did not start the run) or nothing (it may have). */
    static RuntimeException startFailed(SdkException e) {
        String code = code(e);
        if (e instanceof AwsServiceException refusal && refusal.statusCode() < 500
                && !UNKNOWN_OUTCOMES.contains(code)) {
            boolean retryable = RETRYABLE_REFUSALS.contains(code) || refusal.isThrottlingException();
            return new StartRejectedException(code, message(e), retryable, e);
        }
        return new StartOutcomeUnknownException(code, message(e), e);
    }

    /** Glue's error code, or {@value #NO_ANSWER} when none came back (no connection, a timeout). */
    private static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e instanceof SdkClientException ? NO_ANSWER : e.getClass().getSimpleName();
    }

    private static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }
}
