package dev.glueorch.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * Calls one operation of an AWS JSON 1.1 service (Glue, EventBridge): the request body as JSON, signed with
 * Signature Version 4 by the SDK's own signer, sent on the shared SDK HTTP client, the answer read as a JSON tree.
 * The functions need a handful of Glue and EventBridge operations; the SDK's generated clients for those two
 * services weigh 11 MB of the deployment package and seconds of class loading at a cold start.
 *
 * <p>Retries follow the SDK's standard mode: at most {@value #MAX_ATTEMPTS} attempts, the next one after a random
 * wait of up to 100 ms × 2<sup>attempt</sup> (1 s × 2<sup>attempt</sup> when throttled), for refusals that say
 * "not now" ({@link AwsCallException#isRetryable()}). Anything else is thrown at once as {@link AwsCallException}.
 */
public final class AwsJsonClient {

    static final int MAX_ATTEMPTS = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofSeconds(1);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final JsonService service;
    private final SdkHttpClient http;
    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;

    /**
     * @param endpointOverride where to send requests instead of the service's regional endpoint (an emulator, a VPC
     *                         endpoint), or {@code null}
     */
    public AwsJsonClient(JsonService service, SdkHttpClient http, Region region, AwsCredentialsProvider credentials,
                         URI endpointOverride) {
        this.service = service;
        this.http = http;
        this.region = region;
        this.credentials = credentials;
        this.endpoint = endpointOverride != null ? endpointOverride : regionalEndpoint(service, region);
    }

    /** The same service, region, endpoint and HTTP client, signed with other credentials (an assumed role's). */
    public AwsJsonClient withCredentials(AwsCredentialsProvider otherCredentials) {
        return new AwsJsonClient(service, http, region, otherCredentials, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code operation} with {@code request} (anything Jackson writes as a JSON object; {@code null} fields
     * are left out) and returns the service's answer.
     *
     * @throws AwsCallException when the service refuses, or no answer came, after the retries
     */
    public JsonNode call(String operation, Object request) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalArgumentException(operation + " request cannot be written as JSON", e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return send(operation, body);
            } catch (AwsCallException e) {
                if (!e.isRetryable() || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                pause(e.isThrottling() ? THROTTLED_BASE_DELAY : BASE_DELAY, attempt);
            }
        }
    }

    private JsonNode send(String operation, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/"
                        : endpoint.getRawPath())
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", service.targetPrefix() + "." + operation)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = SIGNER.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response;
        byte[] answer;
        try {
            response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            answer = response.responseBody().map(AwsJsonClient::readAll).orElse(new byte[0]);
        } catch (IOException | UncheckedIOException e) {
            throw new AwsCallException(operation, e);
        }
        int status = response.httpResponse().statusCode();
        JsonNode json = parse(answer);
        if (status / 100 == 2) {
            if (json == null) {
                throw new AwsCallException(operation, "InvalidResponse",
                        "the answer is not JSON: " + preview(answer), status);
            }
            return json;
        }
        String code = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                .orElse(json == null ? null : json.path("__type").asText(null));
        throw new AwsCallException(operation, code == null ? "HTTP" + status : errorCode(code),
                json == null ? preview(answer) : message(json), status);
    }

    /** A timestamp as the JSON protocol writes it (seconds since the epoch, with a fraction), or {@code null}. */
    public static Instant timestamp(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            double seconds = node.asDouble();
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1_000);
        }
        return Instant.parse(node.asText());
    }

    /** {@code https://glue.eu-west-1.amazonaws.com}, with the domain of the Region's partition. */
    static URI regionalEndpoint(JsonService service, Region region) {
        RegionMetadata metadata = region.metadata();
        String domain = metadata == null ? "amazonaws.com" : metadata.domain();
        return URI.create("https://" + service.endpointPrefix() + "." + region.id() + "." + domain);
    }

    /** {@code com.amazonaws.glue#EntityNotFoundException} or {@code EntityNotFoundException:http://…} → the name. */
    static String errorCode(String type) {
        String code = type.substring(type.lastIndexOf('#') + 1);
        int colon = code.indexOf(':');
        return colon < 0 ? code : code.substring(0, colon);
    }

    private static String message(JsonNode error) {
        for (String field : new String[] {"message", "Message", "errorMessage"}) {
            if (error.hasNonNull(field)) {
                return error.get(field).asText();
            }
        }
        return "(no message)";
    }

    private static JsonNode parse(byte[] answer) {
        if (answer.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(answer);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String preview(byte[] answer) {
        String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration base, int attempt) {
        long ceiling = base.toMillis() << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
