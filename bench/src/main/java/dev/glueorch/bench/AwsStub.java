package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glueorch.testing.WireStub;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory Glue and EventBridge the benchmark's handler talks to over HTTP (AWS JSON 1.1): StartJobRun and
 * StartCrawler succeed at once, PutEvents accepts every entry. It answers in microseconds, so the figures measure
 * the orchestrator and DynamoDB, not an emulator. (What the handler sends is recorded by its SDK clients'
 * interceptor, {@link RequestLog}.)
 */
final class AwsStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong();

    /** A stub on a free port. */
    AwsStub() throws IOException {
        this(0);
    }

    /** A stub on {@code port} (chosen by the process that points a handler's environment at it). */
    AwsStub(int port) throws IOException {
        server = StubServers.start(port, 8, "aws-stub", this::answer);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String body;
        int status = 200;
        switch (target) {
            case "AWSGlue.StartJobRun" -> body = "{\"JobRunId\":\"jr_" + String.format("%064x",
                    ids.incrementAndGet()) + "\"}";
            case "AWSGlue.StartCrawler" -> body = "{}";
            case "AWSEvents.PutEvents" -> {
                StringBuilder entries = new StringBuilder();
                for (int i = 0; i < request.path("Entries").size(); i++) {
                    entries.append(i == 0 ? "" : ",").append("{\"EventId\":\"").append(ids.incrementAndGet())
                            .append("\"}");
                }
                body = "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}";
            }
            default -> {
                status = 400;
                body = "{\"__type\":\"UnknownOperationException\",\"message\":\"the benchmark's stub does not "
                        + "answer " + target + "\"}";
            }
        }
        WireStub.send(exchange, status, body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
