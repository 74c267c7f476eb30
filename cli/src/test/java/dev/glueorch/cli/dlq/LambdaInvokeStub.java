package dev.glueorch.cli.dlq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations}) on a loopback port, recording
 * every request. moto's Lambda without Docker accepts an invoke of any name and keeps no payload, so this is how a
 * test sees which function got which bytes, and makes an invoke fail: a function it does not know answers 404
 * {@code ResourceNotFoundException} as Lambda does, a function set to fail answers the status given.
 */
final class LambdaInvokeStub implements AutoCloseable {

    /** One Invoke request as received: the FunctionName path parameter (name, ARN or alias ARN) and the body. */
    record Invocation(String functionName, String invocationType, String payload) {
    }

    private static final String PATH = "/2015-03-31/functions/";

    private final HttpServer server;
    private final Set<String> functions = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();

    private LambdaInvokeStub(HttpServer server) {
        this.server = server;
    }

    /** Starts the stub with these functions (plain names; any qualifier is accepted). */
    static LambdaInvokeStub start(String... functionNames) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LambdaInvokeStub stub = new LambdaInvokeStub(server);
            stub.functions.addAll(List.of(functionNames));
            server.createContext(PATH, stub::invoke);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    /** Makes every invoke of {@code functionName} answer {@code status} with a {@code ServiceException}. */
    LambdaInvokeStub failing(String functionName, int status) {
        failing.put(functionName, status);
        return this;
    }

    List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    LambdaClient client() {
        return LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress()
                        .getPort())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
    }

    private void invoke(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/invocations")) {
            respond(exchange, 404, "UnknownOperationException", "not an Invoke request: " + path);
            return;
        }
        String functionName = path.substring(PATH.length(), path.length() - "/invocations".length());
        invocations.add(new Invocation(functionName, exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        String name = plainName(functionName);
        if (failing.containsKey(name)) {
            respond(exchange, failing.get(name), "ServiceException", "the Lambda service failed");
        } else if (!functions.contains(name)) {
            respond(exchange, 404, "ResourceNotFoundException", "Function not found: " + functionName);
        } else {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        }
    }

    /** {@code my-function}, {@code my-function:live} and {@code arn:aws:lambda:...:function:my-function:live}. */
    private static String plainName(String functionName) {
        String[] parts = functionName.split(":");
        return functionName.startsWith("arn:") ? parts[6] : parts[0];
    }

    private static void respond(HttpExchange exchange, int status, String errorType, String message)
            throws IOException {
        byte[] body = ("{\"Type\":\"User\",\"Message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
