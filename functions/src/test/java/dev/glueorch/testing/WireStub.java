package dev.glueorch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Glue and EventBridge at the wire (AWS JSON 1.1 over HTTP on 127.0.0.1), scripted per operation, for the faults an
 * emulator does not play: an answer lost after Glue started the run, a 5xx after the start, throttling. A
 * StartJobRun that the script lets through starts a run, which GetJobRuns then lists with its arguments and GetJobRun
 * answers, RUNNING, as Glue would. Every request is recorded by operation.
 */
public final class WireStub implements AutoCloseable {

    /** What the stub does with one request. */
    public enum Behaviour {
        /** Sends {@link Answer#status()} and {@link Answer#body()}. */
        ANSWER,
        /** Closes the connection without an answer. */
        DROP,
        /** Answers nothing until the stub closes (the client's timeout ends the wait). */
        HANG
    }

    /** A scripted answer; {@code starts} says whether a StartJobRun so answered started a run first. */
    public record Answer(Behaviour behaviour, boolean starts, int status, String body) {

        public static Answer error(int status, String code, String message) {
            return new Answer(Behaviour.ANSWER, false, status, "{\"__type\":\"" + code + "\",\"message\":\""
                    + message + "\"}");
        }

        public static Answer ok(String body) {
            return new Answer(Behaviour.ANSWER, false, 200, body);
        }

        /** Starts the run, then fails with {@code status} and {@code code} (Glue's fault after the work was done). */
        public static Answer startedThenError(int status, String code) {
            return new Answer(Behaviour.ANSWER, true, status, "{\"__type\":\"" + code + "\",\"message\":\"oops\"}");
        }

        public static Answer startedThenDropped() {
            return new Answer(Behaviour.DROP, true, 0, null);
        }

        public static Answer startedThenNeverAnswered() {
            return new Answer(Behaviour.HANG, true, 0, null);
        }
    }

    /** A job run the stub started: what StartJobRun carried. */
    public record JobRun(String jobRunId, String jobName, Map<String, String> arguments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Deque<Answer>> script = new HashMap<>();
    private final List<String> received = new ArrayList<>();
    private final List<JsonNode> runs = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    /** Runs start at a fixed time: for tests that do not read it. */
    public WireStub() throws IOException {
        this(Clock.fixed(Instant.ofEpochSecond(1_763_733_600L), ZoneOffset.UTC));
    }

    /** Runs start at {@code clock}'s time, so an engine on that clock sees them as just started. */
    public WireStub(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        // a hung answer must not hold the next request
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "wire-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next requests for {@code operation} (e.g. {@code StartJobRun}) in this order. */
    public WireStub script(String operation, Answer... answers) {
        synchronized (script) {
            script.computeIfAbsent(operation, o -> new ArrayDeque<>()).addAll(List.of(answers));
        }
        return this;
    }

    /** How many requests for {@code operation} arrived. */
    public int received(String operation) {
        synchronized (received) {
            return (int) received.stream().filter(operation::equals).count();
        }
    }

    /** The job runs started so far (the arguments StartJobRun carried). */
    public int runsStarted() {
        synchronized (runs) {
            return runs.size();
        }
    }

    /** The job runs started so far, oldest first, with the arguments each StartJobRun carried. */
    public List<JobRun> jobRuns() {
        List<JobRun> started = new ArrayList<>();
        synchronized (runs) {
            for (JsonNode run : runs) {
                Map<String, String> arguments = new LinkedHashMap<>();
                run.path("Arguments").properties().forEach(e -> arguments.put(e.getKey(), e.getValue().asText()));
                started.add(new JobRun(run.path("Id").asText(), run.path("JobName").asText(), arguments));
            }
        }
        return started;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.substring(target.indexOf('.') + 1);
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        synchronized (received) {
            received.add(operation);
        }
        Answer answer;
        synchronized (script) {
            Deque<Answer> answers = script.get(operation);
            answer = answers == null || answers.isEmpty() ? null : answers.poll();
        }
        if (answer == null) {
            answer = defaultAnswer(operation, request);
        } else if (answer.starts()) {
            start(request);
        }
        switch (answer.behaviour()) {
            case DROP -> exchange.close();
            case HANG -> {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case ANSWER -> send(exchange, answer.status(), answer.body());
        }
    }

    private Answer defaultAnswer(String operation, JsonNode request) {
        return switch (operation) {
            case "StartJobRun" -> Answer.ok("{\"JobRunId\":\"" + start(request) + "\"}");
            case "GetJobRuns" -> Answer.ok(jobRuns(request.path("JobName").asText()));
            case "GetJobRun" -> jobRun(request.path("JobName").asText(), request.path("RunId").asText());
            default -> Answer.error(400, "UnknownOperationException", "the stub has no answer for " + operation);
        };
    }

    private String start(JsonNode request) {
        synchronized (runs) {
            ObjectNode run = JSON.createObjectNode();
            run.put("Id", "jr_" + (runs.size() + 1));
            run.put("JobName", request.path("JobName").asText());
            run.put("JobRunState", "RUNNING");
            run.put("StartedOn", clock.millis() / 1000.0);
            run.set("Arguments", request.path("Arguments"));
            runs.add(run);
            return run.get("Id").asText();
        }
    }

    private String jobRuns(String jobName) {
        ArrayNode page = JSON.createArrayNode();
        synchronized (runs) {
            // newest first, as Glue lists them
            for (int i = runs.size() - 1; i >= 0; i--) {
                if (runs.get(i).path("JobName").asText().equals(jobName)) {
                    page.add(runs.get(i));
                }
            }
        }
        return JSON.createObjectNode().set("JobRuns", page).toString();
    }

    private Answer jobRun(String jobName, String jobRunId) {
        synchronized (runs) {
            for (JsonNode run : runs) {
                if (run.path("Id").asText().equals(jobRunId) && run.path("JobName").asText().equals(jobName)) {
                    return Answer.ok(JSON.createObjectNode().set("JobRun", run).toString());
                }
            }
        }
        return Answer.error(400, "EntityNotFoundException", "Job run " + jobRunId + " of " + jobName + " not found");
    }

    /** Answers {@code exchange} as an AWS JSON 1.1 service does: {@code status} and the JSON {@code body}. */
    public static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
