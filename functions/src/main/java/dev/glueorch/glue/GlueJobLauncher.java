package dev.glueorch.glue;

import dev.glueorch.engine.JobLauncher;
import dev.glueorch.engine.StartRejectedException;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.StartJobRunRequest;

/** Starts job runs and crawls with the Glue API, and sorts Glue's refusals into "wait and retry" and "give up". */
public final class GlueJobLauncher implements JobLauncher {

    /** Errors that say "not now": the action waits and is retried (the rest end it as errored). */
    static final Set<String> RETRYABLE = Set.of("ConcurrentRunsExceededException", "ThrottlingException",
            "InternalServiceException", "OperationTimeoutException", "ResourceNumberLimitExceededException",
            "CrawlerRunningException", "Throttling", "ServiceUnavailableException");

    private final GlueClient glue;

    public GlueJobLauncher(GlueClient glue) {
        this.glue = glue;
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

    private static StartRejectedException rejected(AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        boolean retryable = RETRYABLE.contains(code) || e.isThrottlingException() || e.statusCode() >= 500;
        return new StartRejectedException(code, message, retryable, e);
    }
}
