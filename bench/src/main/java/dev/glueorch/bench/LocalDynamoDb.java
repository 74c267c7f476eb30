package dev.glueorch.bench;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.glueorch.testing.FreePort;
import java.net.URI;

/** A DynamoDB Local server (in memory, one database for every credential) on a free loopback port. */
final class LocalDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    LocalDynamoDb() throws Exception {
        int port = FreePort.find();
        server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-sharedDb", "-port",
            Integer.toString(port), "-disableTelemetry"});
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + port);
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
