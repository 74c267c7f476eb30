package dev.glueorch.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.glueorch.store.TableCreator;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local (AWS's emulator) as an HTTP server in this JVM, started once for all tests: clients talk to it
 * over loopback with the real SDK wire path. Each test makes its own table.
 */
public final class DynamoDbLocal {

    private static DynamoDBProxyServer server;
    private static URI endpoint;

    private DynamoDbLocal() {
    }

    public static synchronized URI endpoint() {
        if (server == null) {
            int port = FreePort.find();
            server = start(port);
            endpoint = URI.create("http://127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (Exception e) {
                    // the JVM is exiting
                }
            }));
        }
        return endpoint;
    }

    /**
     * Starts another DynamoDB Local server (in memory) on {@code port}; the caller stops it. -sharedDb: one database
     * whatever the credentials, as the handlers' clients use their own.
     */
    public static DynamoDBProxyServer start(int port) {
        try {
            DynamoDBProxyServer started = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory",
                "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
            started.start();
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return client(endpoint(), interceptors);
    }

    /** A client of the DynamoDB Local at {@code endpoint}, built as the handlers build theirs. */
    public static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
    }

    /** Creates a fresh table with the orchestrator's design and returns its name. */
    public static String newTable(DynamoDbClient client) {
        String name = "glueorch-" + UUID.randomUUID();
        TableCreator.create(client, name);
        return name;
    }
}
