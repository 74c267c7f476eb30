package dev.glueorch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glueorch.testing.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The signed JSON calls on the wire, against a scripted HTTP server: what is sent, how the service's refusals are
 * read, what is retried. (Glue and EventBridge themselves are exercised against moto by their adapters' tests.)
 */
class AwsJsonClientTest {

    private record Answer(int status, String body, String errorTypeHeader) {
    }

    private record Received(Map<String, String> headers, String body) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private AwsJsonClient glue;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", this::answer);
        server.start();
        glue = client(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void call_shouldSendASignedJson11RequestAndReturnTheAnswer() {
        script.add(new Answer(200, "{\"JobRunId\":\"jr_1\"}", null));

        JsonNode answer = glue.call("StartJobRun", Map.of("JobName", "ingest-orders"));

        assertThat(answer.path("JobRunId").asText()).isEqualTo("jr_1");
        Received request = received.get(0);
        assertThat(request.body()).isEqualTo("{\"JobName\":\"ingest-orders\"}");
        assertThat(request.headers()).containsEntry("x-amz-target", "AWSGlue.StartJobRun")
                .containsEntry("content-type", "application/x-amz-json-1.1");
        assertThat(request.headers().get("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=testing/")
                .contains("/us-east-1/glue/aws4_request", "SignedHeaders=", "x-amz-target", "Signature=");
    }

    @Test
    void refusal_shouldCarryTheServicesCodeAndMessage() {
        script.add(new Answer(400, "{\"__type\":\"com.amazonaws.glue#EntityNotFoundException\","
                + "\"Message\":\"Job not found\"}", null));
        script.add(new Answer(400, "{\"message\":\"Max concurrent runs exceeded\"}",
                "ConcurrentRunsExceededException:http://internal.amazon.com/coral/com.amazonaws.glue/"));

        assertThatThrownBy(() -> glue.call("GetJobRun", Map.of()))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("EntityNotFoundException");
                    assertThat(e.errorMessage()).isEqualTo("Job not found");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("GetJobRun", "EntityNotFoundException", "Job not found");
                });
        assertThatThrownBy(() -> glue.call("StartJobRun", Map.of()))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ConcurrentRunsExceededException");
                    assertThat(e.errorMessage()).isEqualTo("Max concurrent runs exceeded");
                });
        assertThat(received).as("a refusal that is not 'not now' is not retried").hasSize(2);
    }

    @Test
    void throttlingAndServerErrors_shouldBeRetriedUpToThreeAttempts() {
        script.add(new Answer(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", null));
        script.add(new Answer(200, "{}", null));
        assertThat(glue.call("GetCrawler", Map.of("Name", "c")).isObject()).isTrue();
        assertThat(received).hasSize(2);

        received.clear();
        for (int i = 0; i < 3; i++) {
            script.add(new Answer(500, "{\"__type\":\"InternalServiceException\",\"message\":\"oops\"}", null));
        }
        assertThatThrownBy(() -> glue.call("GetCrawler", Map.of("Name", "c")))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(500);
                });
        assertThat(received).hasSize(AwsJsonClient.MAX_ATTEMPTS);
    }

    @Test
    void noAnswer_shouldBeARetryableFailureWithoutCode() {
        AwsJsonClient nobody = client(URI.create("http://127.0.0.1:" + FreePort.find()));
        assertThatThrownBy(() -> nobody.call("StartJobRun", Map.of()))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.statusCode()).isZero();
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).startsWith("StartJobRun got no answer");
                });
    }

    @Test
    void anAnswerThatIsNotJson_shouldSaySo() {
        script.add(new Answer(502, "<html>Bad Gateway</html>", null));
        script.add(new Answer(502, "<html>Bad Gateway</html>", null));
        script.add(new Answer(502, "<html>Bad Gateway</html>", null));
        assertThatThrownBy(() -> glue.call("StartCrawler", Map.of()))
                .isInstanceOfSatisfying(AwsCallException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("HTTP502");
                    assertThat(e.errorMessage()).contains("Bad Gateway");
                });
    }

    @Test
    void regionalEndpoint_shouldFollowTheRegionsPartition() {
        assertThat(AwsJsonClient.regionalEndpoint(JsonService.GLUE, Region.EU_WEST_1))
                .hasToString("https://glue.eu-west-1.amazonaws.com");
        assertThat(AwsJsonClient.regionalEndpoint(JsonService.EVENTBRIDGE, Region.CN_NORTH_1))
                .hasToString("https://events.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void timestamp_shouldReadTheProtocolsEpochSeconds() throws Exception {
        JsonNode run = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"StartedOn\":1.763733605123E9,\"CompletedOn\":null}");
        assertThat(AwsJsonClient.timestamp(run.get("StartedOn")))
                .isEqualTo(Instant.parse("2025-11-21T14:00:05.123Z"));
        assertThat(AwsJsonClient.timestamp(run.get("CompletedOn"))).isNull();
        assertThat(AwsJsonClient.timestamp(run.get("Missing"))).isNull();
    }

    private static AwsJsonClient client(URI endpoint) {
        return new AwsJsonClient(JsonService.GLUE, UrlConnectionHttpClient.builder().build(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), endpoint);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        received.add(new Received(headers, new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)));
        Answer answer = script.isEmpty() ? new Answer(500, "{\"message\":\"unscripted\"}", null) : script.poll();
        if (answer.errorTypeHeader() != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorTypeHeader());
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
