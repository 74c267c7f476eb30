package dev.glueorch.bench;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.glueorch.testing.DynamoDbLocal;
import dev.glueorch.testing.FreePort;
import java.net.URI;

/** A DynamoDB Local server of the benchmark's own (the tests share one), on a free loopback port. */
final class LocalDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    LocalDynamoDb() {
        int port = FreePort.find();
        server = DynamoDbLocal.start(port);
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
