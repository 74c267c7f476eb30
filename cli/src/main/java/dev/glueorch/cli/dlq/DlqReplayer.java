package dev.glueorch.cli.dlq;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Re-drives the events of a dead-letter queue to the function that failed them: each message's body, unchanged, is
 * invoked asynchronously (as EventBridge invoked it), and the message is deleted only once Lambda accepted the
 * event. A message that cannot be re-driven (no target, a body that is not JSON) or whose invoke fails stays in the
 * queue and is made visible again when the replay ends; nothing is ever deleted before a successful invoke.
 *
 * <p>A replayed event can reach the function twice (the delete fails after the invoke, or a standard queue delivers
 * a message twice); the orchestrator's once-only steps are conditional writes, so a duplicate changes nothing.
 */
public final class DlqReplayer {

    /** ReceiveMessage returns at most 10 messages. */
    static final int BATCH_SIZE = 10;
    /** Long enough for a batch's ten invokes with the SDK's retries, so no other consumer takes them meanwhile. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 300;
    /** Long polling (more than 0) asks every SQS server, so an empty answer means the queue has nothing visible. */
    static final int WAIT_TIME_SECONDS = 1;

    private static final int ACCEPTED = 202;

    private final SqsClient sqs;
    private final LambdaClient lambda;

    /** Uses the clients as they are (region, credentials, endpoint) and leaves closing them to the caller. */
    public DlqReplayer(SqsClient sqs, LambdaClient lambda) {
        this.sqs = sqs;
        this.lambda = lambda;
    }

    /** Replays (or, in a dry run, lists) up to {@code request.max()} messages and reports on each. */
    public ReplayReport replay(ReplayRequest request) {
        List<ReplayResult> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> toRelease = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (results.size() < request.max()) {
            List<Message> batch;
            try {
                batch = receive(request.queueUrl(), Math.min(BATCH_SIZE, request.max() - results.size()));
            } catch (SdkException e) {
                problems.add("cannot receive from " + request.queueUrl() + ": " + describe(e));
                break;
            }
            boolean anyNew = false;
            for (Message message : batch) {
                if (!seen.add(message.messageId())) {
                    // Already handled in this run (a standard queue may deliver a message twice): leave it alone.
                    toRelease.add(message.receiptHandle());
                    continue;
                }
                anyNew = true;
                DeadLetter deadLetter = DeadLetter.of(message);
                Outcome outcome = handle(deadLetter, request);
                results.add(new ReplayResult(deadLetter, outcome));
                if (!(outcome instanceof Outcome.Replayed)) {
                    toRelease.add(deadLetter.receiptHandle());
                }
            }
            if (!anyNew) {
                break;
            }
        }
        release(request.queueUrl(), toRelease, problems);
        return new ReplayReport(request.queueUrl(), request.dryRun(), results, problems);
    }

    private List<Message> receive(String queueUrl, int count) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(count)
                .visibilityTimeout(VISIBILITY_TIMEOUT_SECONDS).waitTimeSeconds(WAIT_TIME_SECONDS)
                .messageAttributeNames("All")).messages();
    }

    private Outcome handle(DeadLetter deadLetter, ReplayRequest request) {
        String target = request.function() != null ? request.function() : deadLetter.targetArn();
        if (!deadLetter.json()) {
            return new Outcome.Left(target, "the body is not JSON, so Lambda would refuse it: look at the message "
                    + "in the SQS console and send a corrected event yourself");
        }
        if (target == null) {
            return new Outcome.Left(null, "no target: the message has no TARGET_ARN attribute (a Lambda function's "
                    + "dead-letter queue does not name the function); pass --function");
        }
        if (request.function() == null && !isLambdaFunctionArn(target)) {
            return new Outcome.Left(target, "TARGET_ARN " + target + " is not a Lambda function; pass --function");
        }
        if (request.dryRun()) {
            return new Outcome.WouldReplay(target);
        }
        try {
            InvokeResponse response = lambda.invoke(r -> r.functionName(target).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(deadLetter.body())));
            if (response.statusCode() == null || response.statusCode() != ACCEPTED) {
                return new Outcome.Failed(target, "Lambda answered status " + response.statusCode()
                        + " instead of 202 Accepted");
            }
        } catch (SdkException e) {
            return new Outcome.Failed(target, "invoke failed: " + describe(e));
        }
        try {
            sqs.deleteMessage(r -> r.queueUrl(request.queueUrl()).receiptHandle(deadLetter.receiptHandle()));
        } catch (SdkException e) {
            return new Outcome.Failed(target, "invoked, but the message could not be deleted (" + describe(e)
                    + "): a later replay delivers the event again, which the orchestrator ignores as a duplicate");
        }
        return new Outcome.Replayed(target);
    }

    private static boolean isLambdaFunctionArn(String arn) {
        String[] parts = arn.split(":");
        return parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("lambda")
                && parts[5].equals("function");
    }

    /**
     * Makes the messages left in the queue visible again now rather than after the visibility timeout, so that a
     * dry run changes nothing and a corrected replay (with --function, say) can follow at once.
     */
    private void release(String queueUrl, List<String> receiptHandles, List<String> problems) {
        int unreleased = 0;
        String cause = null;
        for (int start = 0; start < receiptHandles.size(); start += BATCH_SIZE) {
            List<String> handles = receiptHandles.subList(start, Math.min(start + BATCH_SIZE, receiptHandles.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < handles.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(handles.get(i)).visibilityTimeout(0).build());
            }
            try {
                List<BatchResultErrorEntry> failed = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl)
                        .entries(entries)).failed();
                unreleased += failed.size();
                if (!failed.isEmpty()) {
                    cause = failed.get(0).code() + ": " + failed.get(0).message();
                }
            } catch (SdkException e) {
                unreleased += entries.size();
                cause = describe(e);
            }
        }
        if (unreleased > 0) {
            problems.add(unreleased + " message(s) left in the queue could not be made visible again (" + cause
                    + "); they will be after " + VISIBILITY_TIMEOUT_SECONDS + " s");
        }
    }

    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage()
                    + " (status " + service.statusCode() + ")";
        }
        return e.getMessage();
    }
}
