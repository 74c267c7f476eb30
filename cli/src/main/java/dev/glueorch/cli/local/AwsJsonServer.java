package dev.glueorch.cli.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS JSON 1.1 protocol ({@code POST /} with {@code X-Amz-Target: <Service>.<Operation>}, a JSON body, errors as
 * {@code {"__type": ..., "Message": ...}}) on a loopback port, for the AWS SDK's clients of the operator commands:
 * Glue ({@link GlueApi}) and EventBridge ({@link EventsApi}). Requests are not authenticated: any credentials do.
 */
final class AwsJsonServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, JsonApi> apis = new LinkedHashMap<>();

    /**
     * Listens on {@code port} of the loopback address (0: a free one).
     *
     * @throws IOException when the port cannot be bound (a {@link java.net.BindException} when it is in use)
     */
    AwsJsonServer(int port, JsonApi... apis) throws IOException {
        for (JsonApi api : apis) {
            this.apis.put(api.targetPrefix(), api);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            ObjectNode body;
            try {
                String[] target = target(exchange);
                body = apis.get(target[0]).answer(target[1], request(exchange.getRequestBody()));
            } catch (AwsApiException e) {
                status = e.status();
                body = JSON.createObjectNode().put("__type", e.type()).put("Message", e.getMessage());
            } catch (RuntimeException e) {
                status = 500;
                body = JSON.createObjectNode().put("__type", "InternalServiceException")
                        .put("Message", "the local orchestrator failed: " + e);
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The target's service prefix and operation, of a service this server answers. */
    private String[] target(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String[] parts = target == null ? new String[0] : target.split("\\.", 2);
        if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 2 || !apis.containsKey(parts[0])) {
            throw AwsApiException.invalid("UnknownOperationException", "expected POST / with X-Amz-Target: "
                    + "<Service>.<Operation> (AWS JSON 1.1), as the AWS SDK's clients send, for one of the services "
                    + apis.keySet() + " (got " + target + ")");
        }
        return parts;
    }

    private static JsonNode request(InputStream body) throws IOException {
        try {
            JsonNode request = JSON.readTree(body);
            return request == null || request.isMissingNode() ? JSON.createObjectNode() : request;
        } catch (JsonProcessingException e) {
            throw AwsApiException.invalid("SerializationException", "the request body is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
