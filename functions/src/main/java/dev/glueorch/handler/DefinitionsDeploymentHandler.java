package dev.glueorch.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glueorch.clients.AwsClients;
import dev.glueorch.store.DynamoDbDefinitionsSource;
import dev.glueorch.store.S3DefinitionsBundles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The definitions deployment: the event handler of the custom resource that brings the definitions bundle (an S3
 * asset) into the table at deploy time, through CDK's provider framework, which answers CloudFormation. A failure is
 * thrown: the framework reports FAILED with its message as the reason, and the stack rolls back.
 */
public final class DefinitionsDeploymentHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {
    };

    private static DefinitionsDeployment instance;

    private final DefinitionsDeployment deployment;

    public DefinitionsDeploymentHandler() {
        this(defaultDeployment());
    }

    DefinitionsDeploymentHandler(DefinitionsDeployment deployment) {
        this.deployment = deployment;
    }

    /** Built once per process, outside the handler method, on the clients of {@link AwsClients}. */
    static synchronized DefinitionsDeployment defaultDeployment() {
        if (instance == null) {
            instance = create(AwsClients.fromEnvironment(System.getenv()));
        }
        return instance;
    }

    /** The deployment on {@code clients}: the bundle from their S3, the items into their DynamoDB. */
    static DefinitionsDeployment create(AwsClients clients) {
        return new DefinitionsDeployment(new S3DefinitionsBundles(clients.s3()),
                table -> new DynamoDbDefinitionsSource(clients.dynamoDb(), table, Clock.systemUTC(), Duration.ZERO));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = JSON.readValue(input, EVENT);
        byte[] response = PowertoolsLogging.withLogging(context, () -> {
            try {
                return JSON.writeValueAsBytes(deployment.handle(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the response is not serializable", e);
            }
        });
        output.write(response);
    }
}
