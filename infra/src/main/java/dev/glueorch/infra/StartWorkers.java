package dev.glueorch.infra;

import dev.glueorch.contract.FunctionEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The fan-out of the top of the hour: the start queue the schedule tick hands due slots to (SendMessageBatch, ten per
 * request), the start worker function that starts them, and the event source mapping between them, which runs at
 * most {@code startWorkers} workers at once and lets a worker return single messages (batch item failures) to be
 * delivered again. Each worker paces its Glue starts at {@code glueStartRate / startWorkers} per second, so the
 * workers together never exceed the stack's Glue start rate; Lambda runs one invocation per execution environment at
 * a time, and the mapping never more than {@code startWorkers} invocations.
 *
 * <p>A message that failed {@value #MAX_RECEIVES} times (a fault, not throttling: a slot still throttled after a few
 * deliveries is left to the tick's retries of its waiting actions) lands in an alarmed dead-letter queue.
 *
 * <p>Least privilege: only the roles given to {@link #grantSendSlots} may send to the queue; the worker's role may
 * receive, delete and change the visibility of its messages (what the mapping and the worker's delayed redelivery
 * need), nothing else on SQS.
 */
public final class StartWorkers extends Construct {

    /** The start worker's handler. */
    public static final String START_WORKER_HANDLER = "dev.glueorch.handler.StartWorkerHandler::handleRequest";
    /** The worker's role is {@code <functionRoleNamePrefix>-start-worker}. */
    static final String ROLE_SUFFIX = CrossAccount.START_WORKER_ROLE_SUFFIX;
    /** SQS's SendMessageBatch and a mapping's default both take ten. */
    static final int BATCH_SIZE = 10;
    /** Deliveries of one message before it goes to the dead-letter queue. */
    static final int MAX_RECEIVES = 10;
    /**
     * Room for a batch of ten slots at a worker's slowest pace (one start a second) with throttled retries; the
     * worker stops taking slots a minute before it.
     */
    static final Duration WORKER_TIMEOUT = Duration.minutes(5);
    /** Six times the function's timeout, as AWS advises for a queue a function consumes. */
    static final Duration VISIBILITY_TIMEOUT = Duration.minutes(30);

    private final Queue queue;
    private final AlarmedDeadLetterQueue deadLetterQueue;
    private final OrchestratorFunction worker;

    /**
     * @param environment every function's environment; the worker gets the queue's URL, the rate and the number of
     *                    workers on top
     */
    StartWorkers(Construct scope, String id, Code code, Map<String, String> environment, GlueOrchestratorProps props) {
        super(scope, id);
        this.deadLetterQueue = new AlarmedDeadLetterQueue(this, "DeadLetterQueue",
                "the start queue (due schedule slots the start workers failed on " + MAX_RECEIVES + " times)",
                props.getAlarmActions());
        this.queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(VISIBILITY_TIMEOUT)
                // a slot that waits in the queue is a start that has not happened: keep it as long as SQS can
                .retentionPeriod(Duration.days(14))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue.queue())
                        .maxReceiveCount(MAX_RECEIVES)
                        .build())
                .build();
        Map<String, String> workerEnvironment = new LinkedHashMap<>(environment);
        workerEnvironment.put(FunctionEnvironment.START_QUEUE_URL, queue.getQueueUrl());
        workerEnvironment.put(FunctionEnvironment.GLUE_START_RATE, Integer.toString(props.getGlueStartRate()));
        workerEnvironment.put(FunctionEnvironment.START_WORKERS, Integer.toString(props.getStartWorkers()));
        // Invoked synchronously by the event source mapping: failures go back to the queue, not to an async DLQ.
        this.worker = new OrchestratorFunction(this, "Worker", OrchestratorFunction.Spec.synchronous(
                START_WORKER_HANDLER, "glue-orchestrator: starts the due schedule slots the tick queued, at most "
                + props.getGlueStartRate() + " Glue starts a second across " + props.getStartWorkers() + " workers",
                WORKER_TIMEOUT, ROLE_SUFFIX), code, workerEnvironment, props);
        // Grants the worker's role ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes and
        // GetQueueUrl on this queue only.
        worker.alias().addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(BATCH_SIZE)
                .maxConcurrency(props.getStartWorkers())
                .reportBatchItemFailures(true)
                .build());
    }

    /** Allows each of {@code senders} (the tick's role, the reconciler's) to send due slots, and nothing else. */
    void grantSendSlots(IGrantable... senders) {
        for (IGrantable sender : List.of(senders)) {
            queue.grantSendMessages(sender);
        }
    }

    /** The start queue: one message per due (workflow, trigger, slot). */
    public Queue getQueue() {
        return queue;
    }

    /** Messages the workers failed on {@value #MAX_RECEIVES} times; its alarm goes off on the first. */
    public Queue getDeadLetterQueue() {
        return deadLetterQueue.queue();
    }

    public Function getWorkerFunction() {
        return worker.function();
    }

    /** The alias the event source mapping invokes. */
    public Alias getWorkerAlias() {
        return worker.alias();
    }

    OrchestratorFunction worker() {
        return worker;
    }
}
