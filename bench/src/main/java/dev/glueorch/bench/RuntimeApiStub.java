package dev.glueorch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API (2018-06-01) as a runtime interface client sees it, on loopback: {@code invocation/next}
 * hands out the queued event, {@code invocation/<id>/response} completes it (the moment a cold start ends), and the
 * error paths fail it with what the client reported.
 */
final class RuntimeApiStub implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private volatile CompletableFuture<Long> response = new CompletableFuture<>();

    RuntimeApiStub() throws IOException {
        // without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // 40 ms per request, which would be measured as the orchestrator's
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(PREFIX, this::answer);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** host:port, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event; the returned future completes with {@link System#nanoTime} when its response arrives. */
    CompletableFuture<Long> invoke(String event) {
        response = new CompletableFuture<>();
        events.add(event);
        return response;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (path.equals("invocation/next")) {
            next(exchange);
        } else if (path.endsWith("/response")) {
            long at = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 202, "{}");
            response.complete(at);
        } else {
            String error = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply(exchange, 202, "{}");
            response.completeExceptionally(new IllegalStateException("the handler reported " + path + ": " + error));
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        String event;
        try {
            event = events.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (event == null) {
            reply(exchange, 500, "{}");
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", UUID.randomUUID().toString());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 60_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:glue-orchestrator-bench");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        exchange.getResponseHeaders().add("Lambda-Runtime-Client-Context", "{}");
        exchange.getResponseHeaders().add("Lambda-Runtime-Cognito-Identity", "{}");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, event);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
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
