package dev.glueorch.testing;

import dev.glueorch.clients.AwsClients;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code moto_server} (an AWS emulator for Glue, STS, EventBridge) on a free loopback port, started by the test
 * that needs it and stopped when it closes.
 */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    private static MotoServer shared;

    /** One server for every test of this JVM that needs it, stopped when the JVM exits. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static MotoServer start() {
        int port = FreePort.find();
        Process process;
        try {
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/moto-" + port + ".log"))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run moto_server: install moto (pip install 'moto[server]') so "
                    + "that moto_server is on PATH", e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see "
                        + "target/moto-" + port + ".log");
            }
            if (server.post("/moto-api/reset", "") == 200) {
                return server;
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer on port " + port + " within 60 s");
    }

    public URI endpoint() {
        return endpoint;
    }

    public GlueClient glue() {
        return configure(GlueClient.builder()).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder()).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    public StsClient sts() {
        return configure(StsClient.builder()).build();
    }

    /** The functions' clients, built by their factory, talking to moto. The caller closes them. */
    public AwsClients clients() {
        return AwsClients.create(Region.US_EAST_1, Map.of(AwsClients.ENDPOINT_URL, endpoint.toString()));
    }

    /** A Glue client with {@code credentials} (e.g. an assumed role's, whose calls land in that role's account). */
    public GlueClient glue(AwsCredentialsProvider credentials) {
        return configure(GlueClient.builder()).credentialsProvider(credentials).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing")))
                .httpClient(UrlConnectionHttpClient.builder().build());
    }

    /** Forgets every resource (jobs, runs, ...). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /** Makes job runs advance with time: STARTING, RUNNING, then SUCCEEDED after {@code seconds} each. */
    public void jobRunsProgressEvery(int seconds) {
        post("/moto-api/state-manager/set-transition", "{\"model_name\":\"glue::job_run\",\"transition\":"
                + "{\"progression\":\"time\",\"seconds\":" + seconds + "}}");
    }

    /** Makes job runs advance one state per GetJobRun call (moto's default is immediate). */
    public void jobRunsProgressManually(int times) {
        post("/moto-api/state-manager/set-transition", "{\"model_name\":\"glue::job_run\",\"transition\":"
                + "{\"progression\":\"manual\",\"times\":" + times + "}}");
    }

    private int post(String path, String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            connection.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            int status = connection.getResponseCode();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
