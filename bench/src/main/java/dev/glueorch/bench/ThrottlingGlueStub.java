package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glueorch.engine.ArgumentResolver;
import dev.glueorch.testing.WireStub;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Glue (and EventBridge) over HTTP as the burst figure needs it: StartJobRun answers after {@code latencyMillis}, and
 * is refused with {@code ThrottlingException} (HTTP 400, at once) when {@code perSecond} starts were already admitted
 * in the last second — Glue's own answer to a client above its rate. It records when each action id (the
 * orchestrator's {@code --glueorch_action_id} argument) was started, and how often.
 */
final class ThrottlingGlueStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final long latencyMillis;
    private final int perSecond;
    private final Deque<Long> admitted = new ArrayDeque<>();
    private final Map<String, AtomicInteger> startsByAction = new ConcurrentHashMap<>();
    private final AtomicLong lastStartNanos = new AtomicLong();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger maxInAnySecond = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();

    ThrottlingGlueStub(long latencyMillis, int perSecond) throws IOException {
        this.latencyMillis = latencyMillis;
        this.perSecond = perSecond;
        // a start holds its thread for the latency: room for every worker's request at once
        server = StubServers.start(0, 64, "glue-stub", this::answer);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        switch (target) {
            case "AWSGlue.StartJobRun" -> startJobRun(exchange, request);
            case "AWSEvents.PutEvents" -> {
                StringBuilder entries = new StringBuilder();
                for (int i = 0; i < request.path("Entries").size(); i++) {
                    entries.append(i == 0 ? "" : ",").append("{\"EventId\":\"").append(ids.incrementAndGet())
                            .append("\"}");
                }
                WireStub.send(exchange, 200, "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}");
            }
            default -> WireStub.send(exchange, 400, "{\"__type\":\"UnknownOperationException\",\"message\":\"the "
                    + "burst stub does not answer " + target + "\"}");
        }
    }

    private void startJobRun(HttpExchange exchange, JsonNode request) throws IOException {
        if (!admit()) {
            throttled.incrementAndGet();
            WireStub.send(exchange, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
            return;
        }
        try {
            Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String actionId = request.path("Arguments").path(ArgumentResolver.ACTION_ID_ARGUMENT).asText("");
        startsByAction.computeIfAbsent(actionId, id -> new AtomicInteger()).incrementAndGet();
        lastStartNanos.accumulateAndGet(System.nanoTime(), Math::max);
        WireStub.send(exchange, 200, "{\"JobRunId\":\"jr_" + String.format("%064x", ids.incrementAndGet()) + "\"}");
    }

    /** Whether a start arriving now is within the rate: fewer than {@code perSecond} admitted in the last second. */
    private synchronized boolean admit() {
        long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= 1_000_000_000L) {
            admitted.removeFirst();
        }
        if (admitted.size() >= perSecond) {
            return false;
        }
        admitted.addLast(now);
        maxInAnySecond.accumulateAndGet(admitted.size(), Math::max);
        return true;
    }

    /** Action ids started, with how many job runs each got. */
    Map<String, AtomicInteger> startsByAction() {
        return startsByAction;
    }

    /** {@link System#nanoTime()} of the answer to the latest accepted start. */
    long lastStartNanos() {
        return lastStartNanos.get();
    }

    int throttled() {
        return throttled.get();
    }

    /** The most starts admitted within one second (sliding). */
    int maxInAnySecond() {
        return maxInAnySecond.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
