package dev.glueorch.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS request the handler JVM sends, in order, through a global SDK execution interceptor (listed in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}) — so the handlers' own calls are counted
 * without a line of production code knowing. Records only in a JVM started with
 * {@code -Dglueorch.bench.record=true} (the handler JVM).
 */
public final class RequestLog implements ExecutionInterceptor {

    /** One request as sent: service ("DynamoDb", "Glue", "EventBridge"), operation, and the SDK's request. */
    public record Sent(String service, String operation, SdkRequest request) {
    }

    private static final List<Sent> SENT = new ArrayList<>();
    private static final boolean ENABLED = Boolean.getBoolean("glueorch.bench.record");
    private static volatile boolean recording = ENABLED;

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), attributes);
    }

    private static void record(SdkRequest request, ExecutionAttributes attributes) {
        add(new Sent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), request));
    }

    private static void add(Sent sent) {
        if (!recording) {
            return;
        }
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
