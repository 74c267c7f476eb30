package dev.glueorch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The in-memory Glue and EventBridge the benchmark's handler talks to over HTTP (AWS JSON 1.1, as the SDK sends
 * it): StartJobRun and StartCrawler succeed at once, PutEvents accepts every entry. It answers in microseconds, so
 * the figures measure the orchestrator and DynamoDB, not an emulator.
 */
final class AwsStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("bench", "bench"));

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong();

    AwsStub() throws IOException {
        // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // 40 ms per request, which would be measured as the orchestrator's
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "aws-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** A Glue client of the stub at {@code endpoint}, built as the handlers build theirs. */
    static GlueClient glue(URI endpoint) {
        return GlueClient.builder().httpClient(UrlConnectionHttpClient.builder().build()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).endpointOverride(endpoint).build();
    }

    /** An EventBridge client of the stub at {@code endpoint}, built as the handlers build theirs. */
    static EventBridgeClient eventBridge(URI endpoint) {
        return EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).endpointOverride(endpoint).build();
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
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
