package dev.glueorch.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS request the JVM's SDK clients send, in order, with its duration: a global execution interceptor (listed
 * in {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the handlers' own clients are
 * counted without a line of production code knowing. Records only in a JVM started with
 * {@code -Dglueorch.bench.record=true} (the handler JVM).
 */
public final class RequestLog implements ExecutionInterceptor {

    /** One request as sent: service ("DynamoDb", "Glue", "EventBridge"), operation, the request, nanoseconds. */
    public record Sent(String service, String operation, SdkRequest request, long nanos) {
    }

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("glueorch.bench.started");
    private static final List<Sent> SENT = new ArrayList<>();
    private static final boolean ENABLED = Boolean.getBoolean("glueorch.bench.record");
    private static volatile boolean recording = ENABLED;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    private static void record(SdkRequest request, ExecutionAttributes attributes) {
        if (!recording) {
            return;
        }
        long nanos = System.nanoTime() - attributes.getAttribute(STARTED);
        Sent sent = new Sent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), request, nanos);
        synchronized (SENT) {
            SENT.add(sent);
        }
    }

    /** How many requests were recorded so far: a mark to take what follows with {@link #since}. */
    public static int mark() {
        synchronized (SENT) {
            return SENT.size();
        }
    }

    /** The requests recorded after {@code mark}, up to now. */
    public static List<Sent> since(int mark) {
        synchronized (SENT) {
            return List.copyOf(SENT.subList(mark, SENT.size()));
        }
    }

    /** The requests recorded between two marks. */
    public static List<Sent> between(int from, int to) {
        synchronized (SENT) {
            return List.copyOf(SENT.subList(from, to));
        }
    }

    /** Records again (in a JVM where recording is enabled at all). */
    public static void start() {
        recording = ENABLED;
    }

    /** Stops recording (the floor's own replayed requests are not part of the log). */
    public static void stop() {
        recording = false;
    }
}
