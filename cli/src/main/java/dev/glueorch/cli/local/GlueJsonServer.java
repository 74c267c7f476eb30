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
import java.util.UUID;

/**
 * Glue's wire protocol (AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target: AWSGlue.<Operation>}, a JSON body,
 * errors as {@code {"__type": ..., "Message": ...}}) on a loopback port, for the AWS SDK's Glue client of the
 * operator commands; {@link GlueApi} answers. Requests are not authenticated: any credentials do.
 */
final class GlueJsonServer implements AutoCloseable {

    private static final String TARGET_PREFIX = "AWSGlue.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final GlueApi api;

    /**
     * Listens on {@code port} of the loopback address (0: a free one).
     *
     * @throws IOException when the port cannot be bound (a {@link java.net.BindException} when it is in use)
     */
    GlueJsonServer(int port, GlueApi api) throws IOException {
        this.api = api;
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
                body = api.answer(operation(exchange), request(exchange.getRequestBody()));
            } catch (GlueApiException e) {
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

    private static String operation(HttpExchange exchange) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw GlueApiException.invalid("UnknownOperationException", "expected POST / with X-Amz-Target: "
                    + TARGET_PREFIX + "<Operation> (AWS JSON 1.1), as the AWS SDK's Glue client sends");
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static JsonNode request(InputStream body) throws IOException {
        try {
            JsonNode request = JSON.readTree(body);
            return request == null || request.isMissingNode() ? JSON.createObjectNode() : request;
        } catch (JsonProcessingException e) {
            throw GlueApiException.invalid("SerializationException", "the request body is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
